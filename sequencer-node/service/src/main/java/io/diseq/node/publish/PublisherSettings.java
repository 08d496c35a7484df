package io.diseq.node.publish;

/**
 * Publishing duty parameters. A standby publisher takes over when the topic's tail has not moved
 * for {@code takeoverAfterMs + validatorIndex * takeoverStaggerMs} while its own store is ahead
 * (so validator 0 normally publishes and the others only step in when it stalls).
 */
public record PublisherSettings(int validatorIndex, long checkIntervalMs, long takeoverAfterMs,
                                long takeoverStaggerMs, int maxBlocksPerTransaction, long transactionTimeoutMs,
                                long hangingTransactionAbortMs) {
    /** The default {@code hangingTransactionAbortMs}: a transaction still open this long after a claim hangs. */
    public static final long DEFAULT_HANGING_TRANSACTION_ABORT_MS = 30_000;

    public PublisherSettings(int validatorIndex, long checkIntervalMs, long takeoverAfterMs, long takeoverStaggerMs,
                             int maxBlocksPerTransaction, long transactionTimeoutMs) {
        this(validatorIndex, checkIntervalMs, takeoverAfterMs, takeoverStaggerMs, maxBlocksPerTransaction,
                transactionTimeoutMs, DEFAULT_HANGING_TRANSACTION_ABORT_MS);
    }

    public PublisherSettings {
        if (validatorIndex < 0 || checkIntervalMs < 1 || takeoverAfterMs < 0 || takeoverStaggerMs < 0
                || maxBlocksPerTransaction < 1 || transactionTimeoutMs < 1000 || hangingTransactionAbortMs < 100) {
            throw new IllegalArgumentException("invalid publisher settings");
        }
    }

    public long takeoverDelayMs() {
        return takeoverAfterMs + validatorIndex * takeoverStaggerMs;
    }
}
