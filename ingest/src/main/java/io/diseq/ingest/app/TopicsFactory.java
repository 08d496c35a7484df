package io.diseq.ingest.app;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/** {@code topics:} section of ingest.yml (docs/ingest.md §Topics). */
public class TopicsFactory {
    private static final long DAY_MS = 24L * 3600 * 1000;

    @Min(1)
    @JsonProperty
    public short replicationFactor = 3;

    @Min(1)
    @JsonProperty
    public int minInsyncReplicas = 2;

    /** {@code max.message.bytes} of the raw topic: the largest raw record the brokers accept. */
    @Min(1)
    @JsonProperty
    public int rawMaxRecordBytes = 1_048_576;

    @Valid
    @NotNull
    @JsonProperty
    public TopicFactory raw = new TopicFactory(6, 7 * DAY_MS);

    /** Kept forever by default: validators and catching-up nodes read sequenced messages from here. */
    @Valid
    @NotNull
    @JsonProperty
    public TopicFactory messages = new TopicFactory(6, -1);

    @Valid
    @NotNull
    @JsonProperty
    public TopicFactory rejected = new TopicFactory(1, 30 * DAY_MS);
}
