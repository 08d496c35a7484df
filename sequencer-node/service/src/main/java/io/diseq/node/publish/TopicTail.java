package io.diseq.node.publish;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads the last COMMITTED record of the single-partition {@code <chain>.blocks} topic
 * (read_committed, from the end backwards). Transaction markers and aborted records occupy offsets
 * without being returned, so the reader looks back over a growing span until it finds a record or
 * reaches the start of the log. Not thread-safe; owned by the publisher thread.
 */
final class TopicTail implements AutoCloseable {
    private static final int INITIAL_SPAN = 8;

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final TopicPartition partition;
    private final Duration timeout;

    TopicTail(String bootstrapServers, String topic, Duration timeout, Map<String, Object> extraConfig) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.putAll(extraConfig);
        this.consumer = new KafkaConsumer<>(config);
        this.partition = new TopicPartition(topic, 0);
        this.timeout = timeout;
        requireSinglePartition(topic);
        consumer.assign(List.of(partition));
    }

    private void requireSinglePartition(String topic) {
        var infos = consumer.partitionsFor(topic, timeout);
        if (infos == null || infos.size() != 1) {
            throw new IllegalStateException("block topic " + topic + " must exist with exactly one partition, has "
                    + (infos == null ? 0 : infos.size()));
        }
    }

    /** The last committed record, or empty if the topic holds none. */
    Optional<ConsumerRecord<byte[], byte[]>> last() {
        long end = consumer.endOffsets(List.of(partition), timeout).get(partition);
        long span = INITIAL_SPAN;
        while (true) {
            long start = Math.max(0, end - span);
            Optional<ConsumerRecord<byte[], byte[]>> found = lastIn(start, end);
            if (found.isPresent() || start == 0) {
                return found;
            }
            span *= 2;
        }
    }

    private Optional<ConsumerRecord<byte[], byte[]>> lastIn(long start, long end) {
        consumer.seek(partition, start);
        long deadline = System.nanoTime() + timeout.toNanos();
        ConsumerRecord<byte[], byte[]> last = null;
        while (consumer.position(partition, timeout) < end) {
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("reading the tail of " + partition + " took longer than " + timeout);
            }
            for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                if (r.offset() < end) {
                    last = r;
                }
            }
        }
        return Optional.ofNullable(last);
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
