package io.diseq.node.input;

import io.diseq.node.config.KafkaSettings;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Opens the input window at the positions stored with the latest block. Partitions of the input
 * topic are read once at start-up; a partition the stored positions do not mention starts at 0.
 * Partitions added to the topic while the node runs are picked up at its next restart; until then
 * {@link InputReader} reports them (docs/runbooks.md, "Add input partitions").
 */
public final class InputTopic {
    private InputTopic() {
    }

    public static InputWindow openWindow(KafkaSettings settings, Map<Integer, Long> storedPositions,
                                         Map<String, Object> extraConfig) {
        Map<Integer, Long> next = new TreeMap<>();
        for (int p : partitions(settings, extraConfig)) {
            next.put(p, storedPositions.getOrDefault(p, 0L));
        }
        storedPositions.forEach((p, offset) -> {
            if (!next.containsKey(p)) {
                throw new IllegalStateException("stored position for partition " + p + " of "
                        + settings.messagesTopic() + ", which the broker does not know");
            }
        });
        return new InputWindow(next, settings.windowMaxRecords(), settings.windowMaxBytes());
    }

    private static List<Integer> partitions(KafkaSettings settings, Map<String, Object> extraConfig) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.putAll(extraConfig);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config)) {
            List<PartitionInfo> infos = consumer.partitionsFor(settings.messagesTopic(),
                    Duration.ofMillis(settings.requestTimeoutMs()));
            if (infos == null || infos.isEmpty()) {
                throw new IllegalStateException("input topic " + settings.messagesTopic() + " does not exist");
            }
            return infos.stream().map(PartitionInfo::partition).sorted().toList();
        }
    }
}
