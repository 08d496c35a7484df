package io.diseq.schemas;

import java.util.Objects;
import org.apache.kafka.common.serialization.Serde;

/**
 * One topic of one chain: its full name, role, key and value serdes. Serdes are stateless and
 * shared; {@link #cleanupPolicy()} is the role's required policy.
 */
public record TopicSpec<K, V>(String name, TopicRole role, Serde<K> keySerde, Serde<V> valueSerde) {

    public TopicSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(keySerde, "keySerde");
        Objects.requireNonNull(valueSerde, "valueSerde");
    }

    public CleanupPolicy cleanupPolicy() {
        return role.cleanupPolicy();
    }
}
