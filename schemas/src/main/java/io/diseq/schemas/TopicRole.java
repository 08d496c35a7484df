package io.diseq.schemas;

/**
 * The topics of one chain, by role: the name suffix after {@code <chain>.} and the cleanup policy
 * every deployment must use. Partition counts, replication and retention are deployment settings
 * (see docs/ingest.md); the cleanup policy is part of the contract because compaction would lose
 * records that consumers rely on.
 */
public enum TopicRole {
    /** Producers write here; any bytes, key null or the message id. Not compacted. */
    RAW_MESSAGES("messages.raw", CleanupPolicy.DELETE),
    /** Ingest writes validated, de-duplicated messages here; validators read it. Not compacted. */
    MESSAGES("messages", CleanupPolicy.DELETE),
    /** Ingest dead-letters rejected raw records here, original bytes kept. Not compacted. */
    REJECTED("messages.rejected", CleanupPolicy.DELETE),
    /** Validators publish one record per finalized height here (format: node service, later). */
    BLOCKS("blocks", CleanupPolicy.DELETE);

    private final String suffix;
    private final CleanupPolicy cleanupPolicy;

    TopicRole(String suffix, CleanupPolicy cleanupPolicy) {
        this.suffix = suffix;
        this.cleanupPolicy = cleanupPolicy;
    }

    public String suffix() {
        return suffix;
    }

    public CleanupPolicy cleanupPolicy() {
        return cleanupPolicy;
    }
}
