package io.diseq.node.config;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.diseq.node.http.ConnectorLimits;
import io.diseq.node.http.InternalServer;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * YAML form of the gossip server (key {@code gossipServer}): the connector and thread pool that serve
 * only {@code /internal/*} (docs/operations-node.md §Connectors). Every validator's {@code gossipUrl}
 * must name this port. {@code bindHost} absent means every interface.
 */
public class GossipServerFactory {
    @JsonProperty
    private String bindHost;
    @JsonProperty @Min(0) @Max(65_535)
    private int port = 8082;
    @JsonProperty @Min(1) @Max(1_000)
    private int minThreads = 4;
    @JsonProperty @Min(8) @Max(1_000)
    private int maxThreads = 32;
    @JsonProperty @Min(1) @Max(100_000)
    private int maxConnections = 256;
    @JsonProperty @Min(100) @Max(3_600_000)
    private long idleTimeoutMs = 30_000;
    @JsonProperty @Min(100) @Max(600_000)
    private long headerTimeoutMs = 5_000;
    @JsonProperty @Min(0) @Max(1L << 30)
    private long minRequestBytesPerSecond = 4_096;
    @JsonProperty @Min(0) @Max(1L << 30)
    private long minResponseBytesPerSecond = 4_096;

    @JsonIgnore
    @AssertTrue(message = "gossipServer.minThreads must not exceed maxThreads")
    public boolean isPoolOrdered() {
        return minThreads <= maxThreads;
    }

    public InternalServer.Settings build() {
        return new InternalServer.Settings(bindHost, port, minThreads, maxThreads, maxConnections,
                new ConnectorLimits(idleTimeoutMs, headerTimeoutMs, minRequestBytesPerSecond,
                        minResponseBytesPerSecond));
    }
}
