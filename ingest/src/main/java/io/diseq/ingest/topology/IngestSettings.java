package io.diseq.ingest.topology;

import io.diseq.schemas.MessageLimits;
import io.diseq.schemas.Topics;
import java.util.Objects;

/**
 * What the topology needs to know (docs/ingest.md §Configuration).
 *
 * @param messagePartitions partitions of {@code <chain>.messages}; the by-id repartition topic gets
 *                          as many, so each de-duplication task owns the ids of one output partition
 * @param dedupRetentionMs  how long a message id is remembered at least
 * @param purgeIntervalMs   how often (wall clock) expired ids are removed
 * @param purgeBatchMax     at most this many ids are removed per punctuation, so a large backlog
 *                          cannot stall the stream thread past its poll interval
 */
public record IngestSettings(Topics topics, int maxMessageBytes, int messagePartitions, long dedupRetentionMs,
        long purgeIntervalMs, int purgeBatchMax) {

    public IngestSettings {
        Objects.requireNonNull(topics, "topics");
        requirePositive("maxMessageBytes", maxMessageBytes);
        requirePositive("messagePartitions", messagePartitions);
        requirePositive("dedupRetentionMs", dedupRetentionMs);
        requirePositive("purgeIntervalMs", purgeIntervalMs);
        requirePositive("purgeBatchMax", purgeBatchMax);
    }

    /** Defaults of docs/ingest.md: 64 KiB messages, 7 days of ids, purge every minute. */
    public static IngestSettings defaults(String chainId, int messagePartitions) {
        return new IngestSettings(Topics.forChain(chainId), MessageLimits.DEFAULT_MAX_MESSAGE_BYTES,
                messagePartitions, 7L * 24 * 3600 * 1000, 60_000, 10_000);
    }

    public IngestSettings withDedup(long retentionMs, long purgeEveryMs, int batchMax) {
        return new IngestSettings(topics, maxMessageBytes, messagePartitions, retentionMs, purgeEveryMs, batchMax);
    }

    private static void requirePositive(String name, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
    }
}
