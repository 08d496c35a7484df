package io.diseq.node.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.diseq.core.chain.Timeouts;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/** YAML form of the core's linear round {@link Timeouts} (base + round × delta); defaults suit a LAN devnet. */
public class TimeoutsFactory {
    @JsonProperty @Min(1) @Max(600_000)
    private long proposeMs = 3000;
    @JsonProperty @Min(0) @Max(600_000)
    private long proposeDeltaMs = 500;
    @JsonProperty @Min(1) @Max(600_000)
    private long prevoteMs = 1000;
    @JsonProperty @Min(0) @Max(600_000)
    private long prevoteDeltaMs = 500;
    @JsonProperty @Min(1) @Max(600_000)
    private long precommitMs = 1000;
    @JsonProperty @Min(0) @Max(600_000)
    private long precommitDeltaMs = 500;

    public Timeouts build() {
        return new Timeouts(proposeMs, proposeDeltaMs, prevoteMs, prevoteDeltaMs, precommitMs, precommitDeltaMs);
    }
}
