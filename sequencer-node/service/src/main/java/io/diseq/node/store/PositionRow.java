package io.diseq.node.store;

/** One row of {@code kafka_positions}: after block {@code height}, partition's next unsequenced offset. */
public record PositionRow(long height, int partition, long nextOffset) {
}
