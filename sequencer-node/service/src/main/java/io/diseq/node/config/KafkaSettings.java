package io.diseq.node.config;

import java.util.Objects;

/**
 * Kafka connection and topic naming (docs/protocol.md §20): topics are {@code <prefix>.messages},
 * {@code <prefix>.messages.raw} and {@code <prefix>.blocks}; the input window holds at most
 * {@code windowMaxRecords} records and {@code windowMaxBytes} payload bytes per partition. Every
 * {@code partitionCheckIntervalMs} the input reader asks the broker whether partitions were added
 * to the input topic since start-up (it reads only those it started with).
 */
public record KafkaSettings(String bootstrapServers, String topicPrefix, int windowMaxRecords, long windowMaxBytes,
                            long pollTimeoutMs, long requestTimeoutMs, long partitionCheckIntervalMs) {
    public KafkaSettings {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(topicPrefix, "topicPrefix");
        if (windowMaxRecords < 1 || windowMaxBytes < 1 || pollTimeoutMs < 1 || requestTimeoutMs < 1
                || partitionCheckIntervalMs < 1) {
            throw new IllegalArgumentException("kafka limits must be positive");
        }
    }

    public String messagesTopic() {
        return topicPrefix + ".messages";
    }

    public String rawTopic() {
        return topicPrefix + ".messages.raw";
    }

    public String blocksTopic() {
        return topicPrefix + ".blocks";
    }

    /** The transactional id every validator of the chain shares, so that a new publisher fences the old. */
    public String publisherTransactionalId() {
        return topicPrefix + ".blocks-publisher";
    }
}
