package io.diseq.ingest.app;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.diseq.ingest.topics.TopicRequirement;
import io.diseq.ingest.topology.IngestSettings;
import io.diseq.schemas.MessageLimits;
import io.diseq.schemas.Topics;
import io.dropwizard.core.Configuration;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.util.List;

/**
 * ingest.yml (docs/ingest.md §Configuration). Values accept {@code ${ENV:-default}} substitution.
 * {@link #settings()} and {@link #topicRequirements()} turn it into the plain records the topology
 * and the topic check use.
 */
public class IngestConfiguration extends Configuration {
    /** Room for the reject headers on top of a raw record of the raw topic's maximum size. */
    static final int REJECT_HEADROOM_BYTES = 16_384;

    @NotNull
    @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9_-]{0,63}")
    @JsonProperty
    public String chainId;

    @Min(1)
    @Max(16 * 1024 * 1024)
    @JsonProperty
    public int maxMessageBytes = MessageLimits.DEFAULT_MAX_MESSAGE_BYTES;

    @Valid
    @NotNull
    @JsonProperty
    public KafkaFactory kafka = new KafkaFactory();

    @Valid
    @NotNull
    @JsonProperty
    public DedupFactory dedup = new DedupFactory();

    @Valid
    @NotNull
    @JsonProperty
    public TopicsFactory topics = new TopicsFactory();

    @AssertTrue(message = "topics.minInsyncReplicas must not exceed topics.replicationFactor")
    public boolean isMinInsyncReachable() {
        return topics.minInsyncReplicas <= topics.replicationFactor;
    }

    @AssertTrue(message = "maxMessageBytes must leave room under topics.rawMaxRecordBytes for the record overhead")
    public boolean isMessageFitInRawRecord() {
        return maxMessageBytes + 1024 <= topics.rawMaxRecordBytes;
    }

    public IngestSettings settings() {
        return new IngestSettings(Topics.forChain(chainId), maxMessageBytes, topics.messages.partitions,
                dedup.retention.toMilliseconds(), dedup.purgeInterval.toMilliseconds(), dedup.purgeBatchMax);
    }

    public String applicationId() {
        return kafka.applicationId == null || kafka.applicationId.isEmpty()
                ? "diseq-ingest-" + chainId : kafka.applicationId;
    }

    /** The rejected topic accepts a whole raw record plus headers, so dead-lettering never fails on size. */
    public int rejectedMaxRecordBytes() {
        return topics.rawMaxRecordBytes + REJECT_HEADROOM_BYTES;
    }

    /**
     * The messages topic accepts any message of up to maxMessageBytes. (Raw records larger than that
     * are rejected, so they never reach it.)
     */
    public int messagesMaxRecordBytes() {
        return maxMessageBytes + REJECT_HEADROOM_BYTES;
    }

    public List<TopicRequirement> topicRequirements() {
        Topics names = Topics.forChain(chainId);
        return List.of(
                requirement(names.rawMessages().name(), topics.raw, names.rawMessages().cleanupPolicy(), topics.rawMaxRecordBytes),
                requirement(names.messages().name(), topics.messages, names.messages().cleanupPolicy(), messagesMaxRecordBytes()),
                requirement(names.rejected().name(), topics.rejected, names.rejected().cleanupPolicy(), rejectedMaxRecordBytes()));
    }

    private TopicRequirement requirement(String name, TopicFactory t, io.diseq.schemas.CleanupPolicy policy, int maxBytes) {
        return new TopicRequirement(name, t.partitions, topics.replicationFactor, topics.minInsyncReplicas, policy,
                t.retentionMs, maxBytes);
    }
}
