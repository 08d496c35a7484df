package io.diseq.core.chain;

/**
 * Linear round timeouts (docs/protocol.md §7.12): timeout(step, r) = base + r·delta, never
 * exponential, so a late joiner's rounds do not drift apart from the others' without bound.
 */
public record Timeouts(long proposeBaseMs, long proposeDeltaMs, long prevoteBaseMs, long prevoteDeltaMs,
                       long precommitBaseMs, long precommitDeltaMs) {
    public Timeouts {
        if (proposeBaseMs <= 0 || prevoteBaseMs <= 0 || precommitBaseMs <= 0
                || proposeDeltaMs < 0 || prevoteDeltaMs < 0 || precommitDeltaMs < 0) {
            throw new IllegalArgumentException("timeouts must be positive (deltas non-negative)");
        }
    }

    public long proposeMs(int round) {
        return proposeBaseMs + round * proposeDeltaMs;
    }

    public long prevoteMs(int round) {
        return prevoteBaseMs + round * prevoteDeltaMs;
    }

    public long precommitMs(int round) {
        return precommitBaseMs + round * precommitDeltaMs;
    }
}
