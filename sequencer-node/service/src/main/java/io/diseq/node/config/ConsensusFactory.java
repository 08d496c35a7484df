package io.diseq.node.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.diseq.core.runtime.RuntimeSettings;
import io.diseq.node.consensus.DriverSettings;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * YAML form of the consensus driver, node runtime and catch-up settings (key {@code consensus},
 * docs/operations-node.md). None of them affects safety.
 */
public class ConsensusFactory {
    @JsonProperty @Min(1) @Max(1_000)
    private long pollIntervalMs = 10;
    @JsonProperty @Min(10) @Max(600_000)
    private long rebroadcastIntervalMs = 1_000;
    @JsonProperty @Min(10) @Max(600_000)
    private long statusIntervalMs = 1_000;
    @JsonProperty @Min(1) @Max(10_000)
    private int syncBatchBlocks = 100;
    @JsonProperty @Min(1024) @Max(1 << 30)
    private int syncMaxResponseBytes = 32 << 20;
    @JsonProperty @Min(1) @Max(600_000)
    private long syncRequestTimeoutMs = 5_000;
    @JsonProperty @Min(1) @Max(1_000_000)
    private long syncLagHeights = 2;
    @JsonProperty @Min(0) @Max(600_000)
    private long syncGraceMs = 2_000;
    @JsonProperty @Min(1) @Max(600_000)
    private long syncRetryMs = 200;
    @JsonProperty @Min(1) @Max(3_600_000)
    private long syncRetryMaxMs = 10_000;
    @JsonProperty @Min(1) @Max(1_000)
    private int maxPendingBlocks = 4;
    @JsonProperty @Min(1) @Max(600_000)
    private long storageRetryMs = 500;
    @JsonProperty @Min(1 << 20) @Max(1L << 40)
    private long trieCacheBytes = 64L << 20;
    @JsonProperty @Min(1) @Max(1_000_000)
    private int trieLoadBatch = 16_384;
    @JsonProperty @Min(1) @Max(1_000_000)
    private int deferredInputs = 8_192;
    @JsonProperty @Min(1) @Max(1_000_000)
    private long healthMaxLagHeights = 10;

    /** Where to record the runtime's inputs for {@code diseq-node replay}; empty = no recording. */
    @JsonProperty
    private String recordTo = "";
    @JsonProperty @Min(1 << 20) @Max(1L << 40)
    private long recordMaxBytes = 1L << 30;

    public String recordTo() {
        return recordTo;
    }

    public long recordMaxBytes() {
        return recordMaxBytes;
    }

    public DriverSettings driverSettings() {
        return new DriverSettings(pollIntervalMs, runtimeSettings(), syncMaxResponseBytes, syncBatchBlocks);
    }

    public RuntimeSettings runtimeSettings() {
        return new RuntimeSettings(rebroadcastIntervalMs, statusIntervalMs, syncBatchBlocks, syncRequestTimeoutMs,
                syncRetryMs, Math.max(syncRetryMs, syncRetryMaxMs), syncLagHeights, syncGraceMs, maxPendingBlocks,
                storageRetryMs, trieCacheBytes, trieLoadBatch, deferredInputs);
    }

    /** Lagging this many heights behind the vouched peer height turns the {@code consensus-lag} health check red. */
    public long healthMaxLagHeights() {
        return healthMaxLagHeights;
    }
}
