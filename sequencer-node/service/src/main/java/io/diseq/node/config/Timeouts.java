package io.diseq.node.config;

/**
 * Consensus timeouts (docs/protocol.md §7): each step's timeout grows linearly with the round,
 * {@code base + round * delta}, never exponentially.
 */
public record Timeouts(long proposeMs, long proposeDeltaMs, long prevoteMs, long prevoteDeltaMs,
                       long precommitMs, long precommitDeltaMs, long commitMs) {
    public Timeouts {
        if (proposeMs <= 0 || prevoteMs <= 0 || precommitMs <= 0 || commitMs < 0
                || proposeDeltaMs < 0 || prevoteDeltaMs < 0 || precommitDeltaMs < 0) {
            throw new IllegalArgumentException("timeouts must be positive and deltas non-negative");
        }
    }
}
