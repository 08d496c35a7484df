package io.diseq.node.config;

import io.diseq.schemas.Topics;
import java.util.Objects;

/**
 * Kafka connection and topic naming (docs/protocol.md §20): the topic names come from the schemas' topic
 * registry ({@link Topics}: {@code <prefix>.messages}, {@code <prefix>.messages.raw}, {@code <prefix>.blocks}); the input window holds at most
 * {@code windowMaxRecords} records and {@code windowMaxBytes} payload bytes per partition. Every
 * {@code partitionCheckIntervalMs} the input reader asks the broker whether partitions were added
 * to the input topic since start-up (it reads only those it started with).
 */
public record KafkaSettings(String bootstrapServers, String topicPrefix, int windowMaxRecords, long windowMaxBytes,
                            long pollTimeoutMs, long requestTimeoutMs, long partitionCheckIntervalMs) {
    public KafkaSettings {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(topicPrefix, "topicPrefix");
        Topics.forChain(topicPrefix); // the topic registry's rule for the names below
        if (windowMaxRecords < 1 || windowMaxBytes < 1 || pollTimeoutMs < 1 || requestTimeoutMs < 1
                || partitionCheckIntervalMs < 1) {
            throw new IllegalArgumentException("kafka limits must be positive");
        }
    }

    public String messagesTopic() {
        return Topics.forChain(topicPrefix).messages().name();
    }

    public String rawTopic() {
        return Topics.forChain(topicPrefix).rawMessages().name();
    }

    public String blocksTopic() {
        return Topics.forChain(topicPrefix).blocks().name();
    }

    /** The transactional id every validator of the chain shares, so that a new publisher fences the old. */
    public String publisherTransactionalId() {
        return topicPrefix + ".blocks-publisher";
    }
}
