package io.diseq.node.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.diseq.node.publish.PublisherSettings;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/** YAML form of {@link PublisherSettings} (the validator index comes from the key file). */
public class PublisherFactory {
    @JsonProperty @Min(1) @Max(60_000)
    private long checkIntervalMs = 500;
    @JsonProperty @Min(0) @Max(600_000)
    private long takeoverAfterMs = 3_000;
    @JsonProperty @Min(0) @Max(600_000)
    private long takeoverStaggerMs = 1_000;
    @JsonProperty @Min(1) @Max(10_000)
    private int maxBlocksPerTransaction = 100;
    @JsonProperty @Min(1_000) @Max(900_000)
    private long transactionTimeoutMs = 60_000;
    @JsonProperty @Min(100) @Max(3_600_000)
    private long hangingTransactionAbortMs = PublisherSettings.DEFAULT_HANGING_TRANSACTION_ABORT_MS;

    public PublisherSettings build(int selfIndex) {
        return new PublisherSettings(selfIndex, checkIntervalMs, takeoverAfterMs, takeoverStaggerMs,
                maxBlocksPerTransaction, transactionTimeoutMs, hangingTransactionAbortMs);
    }
}
