package io.diseq.node.store;

/** One row of {@code messages}: a sequenced message at position {@code idx} of block {@code height}. */
public record MessageRow(byte[] id, long height, int idx, byte[] body) {
}
