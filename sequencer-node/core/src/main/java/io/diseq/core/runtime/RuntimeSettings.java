package io.diseq.core.runtime;

/**
 * Tuning of a {@link NodeRuntime}; none of it affects safety (docs/operations-node.md, "consensus").
 *
 * @param rebroadcastIntervalMs how often the relay re-sends the latest accepted message of each kind and sender
 * @param statusIntervalMs      how often STATUS (the decided tip) is sent
 * @param fetchBlocks           blocks asked for in one catch-up request
 * @param fetchTimeoutMs        a catch-up request not answered by then counts as failed
 * @param fetchBackoffMinMs     first pause before asking a peer again after it failed; doubles per failure
 * @param fetchBackoffMaxMs     largest such pause
 * @param lagHeights            catch up at once when the vouched height is this many heights ahead
 * @param graceMs               otherwise catch up when still behind after this long (consensus may close the gap)
 * @param maxPendingBlocks      decided blocks being written at once; beyond it, consensus input waits
 * @param storageRetryMs        pause before a failed store request is retried
 * @param trieCacheBytes        bound of the state-trie node cache (pinned nodes of unwritten blocks excluded)
 * @param trieLoadBatch         most nodes in one load request
 * @param deferredInputs        consensus inputs held while writes are at their bound; the oldest are dropped
 */
public record RuntimeSettings(long rebroadcastIntervalMs, long statusIntervalMs, int fetchBlocks, long fetchTimeoutMs,
                              long fetchBackoffMinMs, long fetchBackoffMaxMs, long lagHeights, long graceMs,
                              int maxPendingBlocks, long storageRetryMs, long trieCacheBytes, int trieLoadBatch,
                              int deferredInputs) {
    public static final RuntimeSettings DEFAULTS = new RuntimeSettings(1_000, 1_000, 32, 5_000, 200, 10_000, 3,
            2_000, 4, 500, 64L << 20, 4_096, 8_192);

    public RuntimeSettings {
        if (rebroadcastIntervalMs <= 0 || statusIntervalMs <= 0 || fetchBlocks <= 0 || fetchTimeoutMs <= 0
                || fetchBackoffMinMs <= 0 || fetchBackoffMaxMs < fetchBackoffMinMs || lagHeights <= 0 || graceMs < 0
                || maxPendingBlocks <= 0 || storageRetryMs <= 0 || trieCacheBytes <= 0 || trieLoadBatch <= 0
                || deferredInputs <= 0) {
            throw new IllegalArgumentException("invalid runtime settings");
        }
    }
}
