package io.diseq.node.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/** YAML form of {@link BlockLimits}. */
public class BlockLimitsFactory {
    @JsonProperty @Min(1) @Max(1_000_000)
    private int maxMessages = 10_000;
    @JsonProperty @Min(1) @Max(1L << 30)
    private long maxBytes = 8L * 1024 * 1024;
    @JsonProperty @Min(1) @Max(16 * 1024 * 1024)
    private int maxMessageBytes = 64 * 1024;
    @JsonProperty @Min(0) @Max(3_600_000)
    private long maxClockDriftMs = 5_000;

    public BlockLimits build() {
        return new BlockLimits(maxMessages, maxBytes, maxMessageBytes, maxClockDriftMs);
    }
}
