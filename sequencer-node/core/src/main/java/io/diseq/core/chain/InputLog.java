package io.diseq.core.chain;

import java.util.List;

/**
 * Port to the validator's view of the input topic (its bounded mempool window over
 * {@code <chain>.messages}, docs/protocol.md §7.11). Offsets with no record (Kafka transaction
 * markers) are simply absent. The core asks only for offsets at or after the next unsequenced ones.
 */
public interface InputLog {
    /** Partitions of the input topic, ascending. */
    List<Integer> partitions();

    /**
     * The exclusive offset up to which this log has read {@code partition} completely: every record
     * with a smaller offset (and at or after the next unsequenced offset) is available via {@link #records}.
     */
    long readPosition(int partition);

    /**
     * Records of the partition with {@code fromOffset ≤ offset < toOffset}, ascending by offset, at
     * most {@code maxRecords}; only called with {@code toOffset ≤ readPosition(partition)}.
     */
    List<InputRecord> records(int partition, long fromOffset, long toOffset, int maxRecords);
}
