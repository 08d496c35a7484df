package io.diseq.node.input;

import io.diseq.core.util.Bytes;

/** One record of {@code <chain>.messages} held in the input window. */
public record WindowRecord(int partition, long offset, Bytes payload) {
}
