package io.diseq.node.gossip;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Bounded retries with "full jitter" exponential backoff: before attempt k (k ≥ 1) wait a uniformly
 * random time in [0, min(maxBackoffMs, baseBackoffMs·2^(k−1))]. Jitter keeps validators that lost
 * the same peer from retrying in lockstep.
 */
public record RetryPolicy(int maxAttempts, long baseBackoffMs, long maxBackoffMs) {
    public RetryPolicy {
        if (maxAttempts < 1 || baseBackoffMs < 1 || maxBackoffMs < baseBackoffMs) {
            throw new IllegalArgumentException("invalid retry policy");
        }
    }

    long backoffMs(int attempt) {
        long cap = Math.min(maxBackoffMs, baseBackoffMs << Math.min(attempt - 1, 30));
        return ThreadLocalRandom.current().nextLong(cap + 1);
    }
}
