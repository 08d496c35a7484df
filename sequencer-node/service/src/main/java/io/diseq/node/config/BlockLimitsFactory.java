package io.diseq.node.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * Block limits of the chain (part of the core's ChainConfig, identical on every validator): most
 * messages and bytes per block, largest message, allowed clock drift of a proposal's timestamp, and
 * the interval after which an idle height proposes an empty block (0 = never).
 */
public class BlockLimitsFactory {
    @JsonProperty @Min(1) @Max(1_000_000)
    private int maxMessages = 10_000;
    @JsonProperty @Min(1) @Max(1L << 30)
    private long maxBytes = 8L * 1024 * 1024;
    @JsonProperty @Min(1) @Max(16 * 1024 * 1024)
    private int maxMessageBytes = 64 * 1024;
    @JsonProperty @Min(0) @Max(3_600_000)
    private long maxClockDriftMs = 5_000;
    @JsonProperty @Min(0) @Max(86_400_000)
    private long emptyBlockIntervalMs = 0;

    int maxMessages() {
        return maxMessages;
    }

    long maxBytes() {
        return maxBytes;
    }

    int maxMessageBytes() {
        return maxMessageBytes;
    }

    long maxClockDriftMs() {
        return maxClockDriftMs;
    }

    long emptyBlockIntervalMs() {
        return emptyBlockIntervalMs;
    }
}
