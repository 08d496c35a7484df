package io.diseq.ingest.topics;

import io.diseq.schemas.CleanupPolicy;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.common.config.TopicConfig;

/**
 * What one topic must look like. Partition count and replication factor are checked exactly; the
 * configs in {@link #configs()} are checked by value (Kafka reports broker defaults for unset ones).
 *
 * @param retentionMs    {@code retention.ms}; -1 keeps records forever
 * @param maxRecordBytes {@code max.message.bytes}, the largest record batch the topic accepts
 */
public record TopicRequirement(String name, int partitions, short replicationFactor, int minInsyncReplicas,
        CleanupPolicy cleanupPolicy, long retentionMs, int maxRecordBytes) {

    public TopicRequirement {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(cleanupPolicy, "cleanupPolicy");
        if (partitions < 1 || replicationFactor < 1 || minInsyncReplicas < 1 || maxRecordBytes < 1) {
            throw new IllegalArgumentException(name + ": partitions, replication factor, min.insync.replicas"
                    + " and max record bytes must be positive");
        }
        if (minInsyncReplicas > replicationFactor) {
            throw new IllegalArgumentException(name + ": min.insync.replicas " + minInsyncReplicas
                    + " exceeds the replication factor " + replicationFactor + "; no write could ever succeed");
        }
        if (retentionMs < -1 || retentionMs == 0) {
            throw new IllegalArgumentException(name + ": retention must be positive or -1 (forever), got " + retentionMs);
        }
    }

    /** The topic configs this requirement sets at creation and checks afterwards. */
    public Map<String, String> configs() {
        return Map.of(
                TopicConfig.CLEANUP_POLICY_CONFIG, cleanupPolicy.configValue(),
                TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, Integer.toString(minInsyncReplicas),
                TopicConfig.RETENTION_MS_CONFIG, Long.toString(retentionMs),
                TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(maxRecordBytes));
    }
}
