package io.diseq.schemas;

/** Where a record sits in Kafka, with its record timestamp (milliseconds since the epoch). */
public record RecordPosition(String topic, int partition, long offset, long timestampMs) {}
