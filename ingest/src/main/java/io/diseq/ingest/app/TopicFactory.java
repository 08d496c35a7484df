package io.diseq.ingest.app;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.Min;

/** One topic's partitions and retention in ingest.yml. */
public class TopicFactory {
    @Min(1)
    @JsonProperty
    public int partitions;

    /** {@code retention.ms}; -1 keeps records forever. */
    @Min(-1)
    @JsonProperty
    public long retentionMs;

    public TopicFactory() {}

    TopicFactory(int partitions, long retentionMs) {
        this.partitions = partitions;
        this.retentionMs = retentionMs;
    }
}
