package io.diseq.ingest.app;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/** {@code dedup:} section of ingest.yml (docs/ingest.md §De-duplication). */
public class DedupFactory {
    /** How long a message id is remembered at least; match it to the raw topic's retention. */
    @NotNull
    @JsonProperty
    public Duration retention = Duration.days(7);

    @NotNull
    @JsonProperty
    public Duration purgeInterval = Duration.minutes(1);

    @Min(1)
    @JsonProperty
    public int purgeBatchMax = 10_000;
}
