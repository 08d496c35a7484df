package io.diseq.node.publish;

/**
 * Publishing duty parameters. A standby publisher takes over when the topic's tail has not moved
 * for {@code takeoverAfterMs + validatorIndex * takeoverStaggerMs} while its own store is ahead
 * (so validator 0 normally publishes and the others only step in when it stalls).
 */
public record PublisherSettings(int validatorIndex, long checkIntervalMs, long takeoverAfterMs,
                                long takeoverStaggerMs, int maxBlocksPerTransaction, long transactionTimeoutMs) {
    public PublisherSettings {
        if (validatorIndex < 0 || checkIntervalMs < 1 || takeoverAfterMs < 0 || takeoverStaggerMs < 0
                || maxBlocksPerTransaction < 1 || transactionTimeoutMs < 1000) {
            throw new IllegalArgumentException("invalid publisher settings");
        }
    }

    public long takeoverDelayMs() {
        return takeoverAfterMs + validatorIndex * takeoverStaggerMs;
    }
}
