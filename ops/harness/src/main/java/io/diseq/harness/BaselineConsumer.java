package io.diseq.harness;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * One plain consumer of the raw-Kafka baseline: reads every partition of the topic from its end (no
 * group, like a validator reading the whole input), and measures each record's latency from its
 * send time (the record timestamp the {@link LoadProducer} set) to its arrival here. Prints
 * {@code READY} once positioned; after the line {@code expect N} on standard input it stops at N
 * records (or 60 s later) and prints {@code RESULT {"records","firstMs","lastMs","histogram",...}}.
 *
 * <p>Arguments: bootstrap, topic, and optionally how long to wait for the N records after {@code expect N}, in ms
 * (default 60,000; the ingest probe gives its drain timeout).
 */
public final class BaselineConsumer {
    private static final long EXPECT_TIMEOUT_MS = 60_000;

    /** The wait after {@code expect N}: the third argument when given. */
    static long expectTimeoutMs(String[] args) {
        return args.length > 2 ? Long.parseLong(args[2]) : EXPECT_TIMEOUT_MS;
    }

    private BaselineConsumer() {
    }

    public static void main(String[] args) throws Exception {
        long expectTimeoutMs = expectTimeoutMs(args);
        AtomicLong expected = new AtomicLong(Long.MAX_VALUE);
        AtomicLong expectedAt = new AtomicLong(Long.MAX_VALUE);
        Thread commands = new Thread(() -> readCommands(expected, expectedAt), "commands");
        commands.setDaemon(true);
        commands.start();
        Histogram latency = ChildReport.latencyHistogramMs();
        long records = 0;
        long firstMs = 0;
        long lastMs = 0;
        double cpuAtReady;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config(args[0]))) {
            List<TopicPartition> partitions = consumer.partitionsFor(args[1]).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            cpuAtReady = ChildReport.ownCpuSeconds();
            ChildReport.ready();
            while (records < expected.get() && System.currentTimeMillis() - expectTimeoutMs < expectedAt.get()) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    long now = System.currentTimeMillis();
                    latency.recordValue(Math.max(0, Math.min(now - r.timestamp(), latency.getHighestTrackableValue())));
                    firstMs = records == 0 ? now : firstMs;
                    lastMs = now;
                    records++;
                }
            }
        }
        ObjectNode result = ChildReport.result();
        result.put("cpuAtReady", cpuAtReady).put("records", records).put("firstMs", firstMs).put("lastMs", lastMs)
                .put("histogram", ChildReport.encode(latency));
        ChildReport.print(result);
    }

    private static void readCommands(AtomicLong expected, AtomicLong expectedAt) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.startsWith("expect ")) {
                    expectedAt.set(System.currentTimeMillis());
                    expected.set(Long.parseLong(line.substring(7).trim()));
                }
            }
        } catch (java.io.IOException e) {
            expectedAt.set(System.currentTimeMillis());
            expected.set(0);
        }
    }

    private static Map<String, Object> config(String bootstrap) {
        Map<String, Object> c = new HashMap<>();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        c.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000);
        return c;
    }
}
