package io.diseq.node.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.diseq.node.gossip.RetryPolicy;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;

/** YAML form of the gossip transport settings. */
public class GossipFactory {
    @JsonProperty @Min(1) @Max(1_000_000)
    private int inboxCapacity = 10_000;
    @JsonProperty @Min(1) @Max(100_000)
    private int queuePerPeer = 1_000;
    @JsonProperty @Min(16) @Max(1 << 20)
    private int replayWindow = 4_096;
    @JsonProperty @Min(1) @Max(60_000)
    private long connectTimeoutMs = 1_000;
    @JsonProperty @Min(1) @Max(120_000)
    private long requestTimeoutMs = 2_000;
    @JsonProperty @Min(1) @Max(100)
    private int maxAttempts = 5;
    @JsonProperty @Min(1) @Max(60_000)
    private long baseBackoffMs = 50;
    @JsonProperty @Min(1) @Max(600_000)
    private long maxBackoffMs = 2_000;

    public int inboxCapacity() {
        return inboxCapacity;
    }

    public int queuePerPeer() {
        return queuePerPeer;
    }

    public int replayWindow() {
        return replayWindow;
    }

    public Duration connectTimeout() {
        return Duration.ofMillis(connectTimeoutMs);
    }

    public Duration requestTimeout() {
        return Duration.ofMillis(requestTimeoutMs);
    }

    public RetryPolicy retryPolicy() {
        return new RetryPolicy(maxAttempts, baseBackoffMs, Math.max(baseBackoffMs, maxBackoffMs));
    }
}
