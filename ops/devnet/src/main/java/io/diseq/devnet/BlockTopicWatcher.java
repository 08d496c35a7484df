package io.diseq.devnet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.diseq.core.chain.BlockHeader;
import io.diseq.core.util.Hex;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Follows {@code <chain>.blocks} (read_committed, from the start) and keeps what the status line
 * needs (fields {@code height} and {@code header} of the block record, schemas/README.md): the latest
 * published height and the messages finalized over the last
 * {@value #WINDOW_MS} ms (from each header's message count). One daemon thread; {@link #close}
 * wakes and joins it.
 */
final class BlockTopicWatcher implements AutoCloseable {
    private static final long WINDOW_MS = 10_000;
    private static final int MAX_SAMPLES = 10_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Thread thread;
    private final Deque<long[]> samples = new ArrayDeque<>();
    private volatile long height = -1;
    private volatile boolean running = true;

    BlockTopicWatcher(String bootstrap, String topic) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        consumer.assign(List.of(new TopicPartition(topic, 0)));
        consumer.seekToBeginning(List.of(new TopicPartition(topic, 0)));
        thread = new Thread(this::run, "devnet-block-watcher");
        thread.setDaemon(true);
        thread.start();
    }

    /** Latest height on the block topic, -1 before the first record. */
    long height() {
        return height;
    }

    /** Messages per second finalized over the last window. */
    synchronized double messagesPerSecond(long nowMs) {
        trim(nowMs);
        long total = samples.stream().mapToLong(s -> s[1]).sum();
        return total * 1000.0 / WINDOW_MS;
    }

    private void run() {
        try {
            while (running) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    accept(record);
                }
            }
        } catch (WakeupException e) {
            // close() asked the poll to return
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private synchronized void accept(ConsumerRecord<byte[], byte[]> record) {
        JsonNode block;
        try {
            block = JSON.readTree(record.value());
        } catch (IOException e) {
            return; // not a block record (schemas/README.md): nothing to count
        }
        int messages = BlockHeader.decode(Hex.decode(block.path("header").asText())).messageCount();
        height = Math.max(height, block.path("height").asLong());
        long now = System.currentTimeMillis();
        samples.addLast(new long[] {now, messages});
        if (samples.size() > MAX_SAMPLES) {
            samples.removeFirst();
        }
        trim(now);
    }

    private void trim(long nowMs) {
        while (!samples.isEmpty() && samples.peekFirst()[0] < nowMs - WINDOW_MS) {
            samples.removeFirst();
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        thread.join(10_000);
    }
}
