package io.diseq.node.store;

/** One row of {@code message_sources}: the input position of message {@code idx} of block {@code height}. */
public record MessageSourceRow(long height, int idx, int partition, long kafkaOffset) {
}
