package io.diseq.harness;

import io.diseq.core.chain.BlockHeader;
import io.diseq.schemas.BlockRecord;
import java.time.Duration;
import java.util.ArrayList;
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
 * Every record of {@code <chain>.blocks} (read_committed, from the beginning) with the time it
 * arrived here: what the fault runner times recovery by (the first new height after a fault) and what
 * the audit checks (one record per height, in order, equal to the validators' blocks). A record that
 * does not parse is kept as one with height -1, so the audit sees it.
 */
final class BlockLog implements AutoCloseable {
    /** One record: its offset, the key's height, the value's height, block id and message count, and its arrival time. */
    record Entry(long offset, long keyHeight, long height, String blockId, long messages, long arrivalMs) {
    }

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Thread thread;
    private final List<Entry> entries = new ArrayList<>();
    private volatile boolean running = true;

    BlockLog(String bootstrap, String topic) {
        Map<String, Object> c = new HashMap<>();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumer = new KafkaConsumer<>(c, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        TopicPartition tp = new TopicPartition(topic, 0);
        consumer.assign(List.of(tp));
        consumer.seekToBeginning(List.of(tp));
        thread = new Thread(this::read, "block-log");
        thread.setDaemon(true);
        thread.start();
    }

    private void read() {
        try {
            while (running) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(50))) {
                    add(r, System.currentTimeMillis());
                }
            }
        } catch (WakeupException e) {
            // close()
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private synchronized void add(ConsumerRecord<byte[], byte[]> r, long now) {
        long keyHeight;
        try {
            keyHeight = BlockRecord.height(r.key());
        } catch (RuntimeException e) {
            keyHeight = -1;
        }
        try {
            BlockRecord b = BlockRecord.fromJson(r.value());
            entries.add(new Entry(r.offset(), keyHeight, b.height(), b.blockId(),
                    BlockHeader.decode(b.headerBytes()).messageCount(), now));
        } catch (RuntimeException e) {
            entries.add(new Entry(r.offset(), keyHeight, -1, "", 0, now));
        }
        notifyAll();
    }

    /** The highest height seen so far (0 before the first record). */
    synchronized long height() {
        return entries.stream().mapToLong(Entry::height).max().orElse(0);
    }

    synchronized List<Entry> entries() {
        return List.copyOf(entries);
    }

    /** The arrival time of the first record above {@code height}, waiting up to {@code timeoutMs}; -1 if none. */
    synchronized long awaitAbove(long height, long timeoutMs) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (true) {
            for (Entry e : entries) {
                if (e.height() > height) {
                    return e.arrivalMs();
                }
            }
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                return -1;
            }
            wait(left);
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        thread.join(10_000);
    }
}
