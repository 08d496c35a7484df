package io.diseq.ingest.app;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.util.HashMap;
import java.util.Map;

/** {@code kafka:} section of ingest.yml. */
public class KafkaFactory {
    @NotEmpty
    @JsonProperty
    public String bootstrapServers = "localhost:9092";

    /** Defaults to {@code diseq-ingest-<chainId>}; changing it starts over with empty state. */
    @JsonProperty
    public String applicationId;

    @NotEmpty
    @JsonProperty
    public String stateDir = "/var/lib/diseq-ingest";

    @Min(1)
    @Max(64)
    @JsonProperty
    public int streamThreads = 1;

    /**
     * This instance's static group membership id ({@code group.instance.id}; each stream thread adds
     * {@code -<n>}). Empty: an id created at first start and kept in {@code <stateDir>/instance-id}. A
     * restarted instance with the same id takes its partitions back at once, instead of waiting for
     * the group to drop the old member after {@code session.timeout.ms}. Two running instances must
     * never share one.
     */
    @JsonProperty
    public String instanceId;

    /** Create missing topics at start-up (existing ones are only verified, never altered). */
    @JsonProperty
    public boolean createTopics = true;

    /** Bound on every admin call at start-up and in the broker health check. */
    @NotNull
    @JsonProperty
    public Duration adminTimeout = Duration.seconds(30);

    /** Further Kafka client settings (security, timeouts); they cannot override the fixed ones. */
    @NotNull
    @JsonProperty
    public Map<String, String> properties = new HashMap<>();
}
