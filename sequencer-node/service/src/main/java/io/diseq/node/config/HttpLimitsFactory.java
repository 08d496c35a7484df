package io.diseq.node.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.diseq.node.http.ConnectorLimits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * YAML form of {@link HttpLimits} (key {@code http}). The timeouts and data rates apply to every
 * application connector of {@code server} (they replace Dropwizard's {@code idleTimeout},
 * {@code minRequestDataPerSecond} and {@code minResponseDataPerSecond} there).
 */
public class HttpLimitsFactory {
    @JsonProperty
    private boolean submitEnabled = true;
    @JsonProperty @Min(1) @Max(64 * 1024 * 1024)
    private int apiMaxBodyBytes = 256 * 1024;
    @JsonProperty @Min(1) @Max(64 * 1024 * 1024)
    private int gossipMaxBodyBytes = 4 * 1024 * 1024;
    @JsonProperty @Min(100) @Max(3_600_000)
    private long idleTimeoutMs = 30_000;
    @JsonProperty @Min(100) @Max(600_000)
    private long headerTimeoutMs = 10_000;
    @JsonProperty @Min(0) @Max(1L << 30)
    private long minRequestBytesPerSecond = 1_024;
    @JsonProperty @Min(0) @Max(1L << 30)
    private long minResponseBytesPerSecond = 1_024;

    public HttpLimits build() {
        return new HttpLimits(submitEnabled, apiMaxBodyBytes, gossipMaxBodyBytes, new ConnectorLimits(idleTimeoutMs,
                headerTimeoutMs, minRequestBytesPerSecond, minResponseBytesPerSecond));
    }
}
