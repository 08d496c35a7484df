package io.diseq.node.store;

/** Where a sequenced message was read: its partition and offset in {@code <chain>.messages}. */
public record MessageSource(int partition, long offset) {
    public MessageSource {
        if (partition < 0 || offset < 0) {
            throw new IllegalArgumentException("partition and offset must be >= 0");
        }
    }
}
