package io.diseq.node.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.diseq.node.consensus.DriverSettings;
import io.diseq.node.sync.SyncSettings;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/** YAML form of the consensus driver and catch-up settings (key {@code consensus}, docs/operations-node.md). */
public class ConsensusFactory {
    @JsonProperty @Min(1) @Max(1_000)
    private long pollIntervalMs = 10;
    @JsonProperty @Min(10) @Max(600_000)
    private long rebroadcastIntervalMs = 1_000;
    @JsonProperty @Min(10) @Max(600_000)
    private long statusIntervalMs = 1_000;
    @JsonProperty @Min(1) @Max(100_000)
    private int gossipBatch = 256;
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
    @JsonProperty @Min(1) @Max(1_000_000)
    private long healthMaxLagHeights = 10;

    public DriverSettings driverSettings() {
        return new DriverSettings(pollIntervalMs, rebroadcastIntervalMs, statusIntervalMs, syncBatchBlocks * 2,
                gossipBatch);
    }

    public SyncSettings syncSettings() {
        return new SyncSettings(syncBatchBlocks, syncMaxResponseBytes, syncRequestTimeoutMs, syncLagHeights,
                syncGraceMs, syncRetryMs);
    }

    /** Lagging this many heights behind the best peer turns the {@code consensus-lag} health check red. */
    public long healthMaxLagHeights() {
        return healthMaxLagHeights;
    }
}
