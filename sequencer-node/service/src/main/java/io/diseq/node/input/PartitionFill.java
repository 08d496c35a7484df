package io.diseq.node.input;

/** Snapshot of one partition's window, for the pool summary, metrics and tests. */
public record PartitionFill(int partition, long nextUnsequenced, long readPosition, int records, long bytes,
                            boolean full) {
}
