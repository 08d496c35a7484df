package io.diseq.client;

import io.diseq.schemas.Topics;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Where the chain's Kafka is and how long to wait for it.
 *
 * @param timeout bound on reaching the brokers and on each send's acknowledgement
 * @param kafkaProperties further Kafka client settings (security); they cannot override the
 *                        delivery guarantees the publisher fixes
 */
public record ClientConfig(String bootstrapServers, String chainId, Duration timeout, Map<String, String> kafkaProperties) {

    public ClientConfig {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(timeout, "timeout");
        Topics.forChain(chainId);
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, got " + timeout);
        }
        kafkaProperties = Map.copyOf(kafkaProperties);
    }

    public ClientConfig(String bootstrapServers, String chainId, Duration timeout) {
        this(bootstrapServers, chainId, timeout, Map.of());
    }

    public Topics topics() {
        return Topics.forChain(chainId);
    }
}
