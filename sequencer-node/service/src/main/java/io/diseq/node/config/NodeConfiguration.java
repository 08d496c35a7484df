package io.diseq.node.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.diseq.core.chain.ChainConfig;
import io.diseq.core.chain.Validator;
import io.diseq.core.chain.ValidatorSet;
import io.diseq.node.publish.PublisherSettings;
import io.dropwizard.core.Configuration;
import io.dropwizard.db.DataSourceFactory;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.ArrayList;
import java.util.List;

/**
 * The node's YAML configuration (docs/operations-node.md lists every key). Values are validated by
 * Bean Validation at start-up and then turned into immutable records (the core's
 * {@link ChainConfig}, {@link KafkaSettings}, {@link HttpLimits}, {@link PublisherSettings}); nothing
 * else in the node reads this mutable class.
 */
public class NodeConfiguration extends Configuration {
    @JsonProperty @NotBlank @Pattern(regexp = "^[A-Za-z0-9._-]{1,64}$")
    private String chainId;

    @JsonProperty @Min(0)
    private long genesisTimeMs;

    @JsonProperty @NotEmpty @Size(max = 256) @Valid
    private List<ValidatorEntry> validators = new ArrayList<>();

    /** Path of this validator's key file (signing seed and VRF secret key). */
    @JsonProperty @NotBlank
    private String keyFile;

    @JsonProperty @NotNull @Valid
    private TimeoutsFactory timeouts = new TimeoutsFactory();

    @JsonProperty @NotNull @Valid
    private BlockLimitsFactory blockLimits = new BlockLimitsFactory();

    @JsonProperty @NotNull @Valid
    private KafkaFactory kafka = new KafkaFactory();

    @JsonProperty @NotNull @Valid
    private HttpLimitsFactory http = new HttpLimitsFactory();

    @JsonProperty @NotNull @Valid
    private PublisherFactory publisher = new PublisherFactory();

    @JsonProperty @NotNull @Valid
    private GossipFactory gossip = new GossipFactory();

    @JsonProperty @NotNull @Valid
    private GossipServerFactory gossipServer = new GossipServerFactory();

    @JsonProperty @NotNull @Valid
    private ConsensusFactory consensus = new ConsensusFactory();

    @JsonProperty @NotNull @Valid
    private DataSourceFactory database = new DataSourceFactory();

    /** Entries of the state-trie node cache in front of PostgreSQL. */
    @JsonProperty @Min(1) @Max(10_000_000)
    private int trieNodeCacheEntries = 200_000;

    /**
     * Bytes of decided blocks' shared receipt parts (header, certificate, messages-trie branches; about
     * 350 KB per 10,000-message block) kept for the REST API's receipts.
     */
    @JsonProperty @Min(1) @Max(16L << 30)
    private long receiptBlockCacheBytes = 64L << 20;

    /** The chain parameters every validator must share, as the core's immutable record. */
    public ChainConfig chainConfig() {
        List<Validator> set = validators.stream().map(ValidatorEntry::toValidator).toList();
        return new ChainConfig(chainId, new ValidatorSet(set), genesisTimeMs, timeouts.build(),
                blockLimits.maxMessages(), blockLimits.maxBytes(), blockLimits.maxClockDriftMs(),
                blockLimits.emptyBlockIntervalMs(), blockLimits.maxMessageBytes());
    }

    /** Largest single message accepted (ingest and HTTP submit enforce it too). */
    public int maxMessageBytes() {
        return blockLimits.maxMessageBytes();
    }

    public String keyFile() {
        return keyFile;
    }

    public KafkaSettings kafkaSettings() {
        return kafka.build(chainId);
    }

    public HttpLimits httpLimits() {
        return http.build();
    }

    /** Publisher duty settings for the validator at {@code selfIndex} (known once the key file is loaded). */
    public PublisherSettings publisherSettings(int selfIndex) {
        return publisher.build(selfIndex);
    }

    public GossipFactory gossip() {
        return gossip;
    }

    /** The gossip server's connector and thread pool ({@code /internal/*} only). */
    public GossipServerFactory gossipServer() {
        return gossipServer;
    }

    public ConsensusFactory consensus() {
        return consensus;
    }

    public int trieNodeCacheEntries() {
        return trieNodeCacheEntries;
    }

    public long receiptBlockCacheBytes() {
        return receiptBlockCacheBytes;
    }

    public DataSourceFactory database() {
        return database;
    }
}
