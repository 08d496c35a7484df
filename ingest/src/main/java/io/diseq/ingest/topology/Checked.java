package io.diseq.ingest.topology;

/**
 * A raw record's value after validation, inside the topology only (never serialized: it is mapped
 * back to the bytes before any topic). Rejected ones already carry their reject headers.
 */
record Checked(boolean accepted, byte[] value) {}
