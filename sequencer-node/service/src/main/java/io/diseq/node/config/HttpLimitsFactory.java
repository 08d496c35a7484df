package io.diseq.node.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/** YAML form of {@link HttpLimits}. */
public class HttpLimitsFactory {
    @JsonProperty
    private boolean submitEnabled = true;
    @JsonProperty @Min(1) @Max(64 * 1024 * 1024)
    private int apiMaxBodyBytes = 256 * 1024;
    @JsonProperty @Min(1) @Max(64 * 1024 * 1024)
    private int gossipMaxBodyBytes = 4 * 1024 * 1024;

    public HttpLimits build() {
        return new HttpLimits(submitEnabled, apiMaxBodyBytes, gossipMaxBodyBytes);
    }
}
