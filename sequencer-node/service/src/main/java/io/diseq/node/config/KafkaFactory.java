package io.diseq.node.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

/** YAML form of {@link KafkaSettings}. The topic prefix defaults to the chain id when left empty. */
public class KafkaFactory {
    @JsonProperty @NotBlank
    private String bootstrapServers = "localhost:9092";
    @JsonProperty @Pattern(regexp = "^[A-Za-z0-9._-]{0,200}$")
    private String topicPrefix = "";
    @JsonProperty @Min(1) @Max(10_000_000)
    private int windowMaxRecords = 100_000;
    @JsonProperty @Min(1) @Max(1L << 34)
    private long windowMaxBytes = 256L * 1024 * 1024;
    @JsonProperty @Min(1) @Max(60_000)
    private long pollTimeoutMs = 200;
    @JsonProperty @Min(1) @Max(600_000)
    private long requestTimeoutMs = 30_000;
    @JsonProperty @Min(100) @Max(3_600_000)
    private long partitionCheckIntervalMs = 30_000;

    public KafkaSettings build(String chainId) {
        String prefix = topicPrefix == null || topicPrefix.isEmpty() ? chainId : topicPrefix;
        return new KafkaSettings(bootstrapServers, prefix, windowMaxRecords, windowMaxBytes, pollTimeoutMs, requestTimeoutMs,
                partitionCheckIntervalMs);
    }
}
