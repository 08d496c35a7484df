package io.diseq.core.chain;

/**
 * A contiguous offset range [firstOffset, endOffset) of one partition of the input topic named by a
 * block (docs/protocol.md §7.11). Offsets with no record in it (Kafka transaction markers) are allowed.
 */
public record PartitionRange(int partition, long firstOffset, long endOffset) {
    public PartitionRange {
        if (partition < 0 || firstOffset < 0 || endOffset <= firstOffset) {
            throw new IllegalArgumentException("bad range " + partition + ":[" + firstOffset + "," + endOffset + ")");
        }
    }
}
