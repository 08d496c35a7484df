package io.diseq.node.input;

import io.diseq.core.chain.InputRecord;
import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.health.HealthCheck;
import io.diseq.node.config.KafkaSettings;
import io.diseq.node.health.InputReaderHealthCheck;
import io.diseq.node.testing.Await;
import io.diseq.node.testing.KafkaExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@Tag("integration")
class InputReaderTest {
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @RegisterExtension
    static final KafkaExtension KAFKA = new KafkaExtension();

    private final List<InputReader> readers = new ArrayList<>();

    @AfterEach
    void stopReaders() throws InterruptedException {
        for (InputReader r : readers) {
            r.stop();
        }
    }

    @Test
    void readsEveryCommittedRecordButNoAbortedOne() throws Exception {
        KafkaSettings settings = settings("committed", 100, 1 << 20);
        KAFKA.createTopic(settings.messagesTopic(), 2);
        KAFKA.produce(settings.messagesTopic(), 0, values("a", 3));
        produceAborted(settings.messagesTopic(), 1, values("aborted", 2));
        KAFKA.produce(settings.messagesTopic(), 1, values("b", 2));

        InputWindow window = start(settings, Map.of());

        Await.until(DEADLINE, "both partitions read to their end",
                () -> window.readPosition(0) == 3 && window.readPosition(1) == 5);
        assertThat(payloads(window.records(0, 0, 3, 10))).containsExactly("a0", "a1", "a2");
        assertThat(payloads(window.records(1, 0, 5, 10))).containsExactly("b0", "b1");
        assertThat(readers.get(0).failure()).isNull();
    }

    @Test
    void fullWindowPausesThePartitionAndDrainingResumesIt() {
        KafkaSettings settings = settings("pause", 10, 1 << 20);
        KAFKA.createTopic(settings.messagesTopic(), 1);
        KAFKA.produce(settings.messagesTopic(), 0, values("m", 100));
        InputWindow window = start(settings, Map.of());

        List<String> sequenced = new ArrayList<>();
        while (sequenced.size() < 100) {
            long from = window.nextUnsequenced(0);
            PartitionFill fill = Await.value(DEADLINE, "window full or topic end", () -> window.fill().get(0),
                    f -> f.full() || f.readPosition() == 100);
            assertThat(fill.records()).isLessThanOrEqualTo(10);
            List<InputRecord> held = window.records(0, from, fill.readPosition(), 4);
            held.forEach(r -> sequenced.add(new String(r.payload().toArray(), StandardCharsets.UTF_8)));
            window.drainThrough(0, held.get(held.size() - 1).offset() + 1);
        }

        assertThat(sequenced).isEqualTo(strings("m", 100));
        assertThat(window.fill().get(0).records()).isZero();
    }

    @Test
    void restartSeeksToStoredPositions() throws InterruptedException {
        KafkaSettings settings = settings("restart", 100, 1 << 20);
        KAFKA.createTopic(settings.messagesTopic(), 2);
        KAFKA.produce(settings.messagesTopic(), 0, values("x", 50));
        KAFKA.produce(settings.messagesTopic(), 1, values("y", 10));
        InputWindow first = start(settings, Map.of());
        Await.until(DEADLINE, "first reader caught up", () -> first.readPosition(0) == 50);
        readers.remove(0).stop();

        InputWindow second = start(settings, Map.of(0, 40L, 1, 7L));

        Await.until(DEADLINE, "second reader caught up",
                () -> second.readPosition(0) == 50 && second.readPosition(1) == 10);
        assertThat(payloads(second.records(0, 0, 50, 100))).isEqualTo(strings("x", 50).subList(40, 50));
        assertThat(payloads(second.records(1, 0, 10, 100))).containsExactly("y7", "y8", "y9");
    }

    @Test
    void drainingPastTheReadPositionSeeksForward() {
        KafkaSettings settings = settings("catchup", 5, 1 << 20);
        KAFKA.createTopic(settings.messagesTopic(), 1);
        KAFKA.produce(settings.messagesTopic(), 0, values("c", 30));
        InputWindow window = start(settings, Map.of());
        Await.until(DEADLINE, "window full", () -> window.fill().get(0).full());

        window.drainThrough(0, 20);

        Await.until(DEADLINE, "window refilled from offset 20", () -> window.fill().get(0).full());
        assertThat(payloads(window.records(0, 0, 100, 100))).containsExactly("c20", "c21", "c22", "c23", "c24");
    }

    @Test
    void partitionsAddedAfterStartAreReportedUnhealthyWhileTheOthersAreStillRead() {
        KafkaSettings settings = settings("grown", 100, 1 << 20);
        KAFKA.createTopic(settings.messagesTopic(), 2);
        InputWindow window = start(settings, Map.of());
        InputReader reader = readers.get(0);
        InputReaderHealthCheck health = new InputReaderHealthCheck(reader);
        assertThat(health.execute().isHealthy()).isTrue();

        KAFKA.addPartitions(settings.messagesTopic(), 4);
        KAFKA.produce(settings.messagesTopic(), 1, values("z", 3));

        Await.until(DEADLINE, "the added partitions reported", () -> reader.addedPartitions().equals(List.of(2, 3)));
        HealthCheck.Result result = health.execute();
        assertThat(result.isHealthy()).isFalse();
        assertThat(result.getMessage()).contains("partitions [2, 3] were added to grown.messages").contains("restart");
        Await.until(DEADLINE, "the original partitions still read", () -> window.readPosition(1) == 3);
        assertThat(window.partitions()).containsExactly(0, 1);
        assertThat(reader.failure()).isNull();
    }

    private InputWindow start(KafkaSettings settings, Map<Integer, Long> positions) {
        InputWindow window = InputTopic.openWindow(settings, positions, Map.of());
        InputReader reader = new InputReader(settings, window, Map.of());
        reader.start();
        readers.add(reader);
        return window;
    }

    private static KafkaSettings settings(String chain, int maxRecords, long maxBytes) {
        return new KafkaSettings(KAFKA.bootstrapServers(), chain, maxRecords, maxBytes, 50, 10_000, 100);
    }

    private static void produceAborted(String topic, int partition, List<byte[]> values) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(KAFKA.producerConfig(
                Map.of(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "aborting-" + topic)))) {
            producer.initTransactions();
            producer.beginTransaction();
            for (byte[] v : values) {
                producer.send(new ProducerRecord<>(topic, partition, null, v)).get(30, TimeUnit.SECONDS);
            }
            producer.abortTransaction();
        }
    }

    private static List<byte[]> values(String prefix, int count) {
        return strings(prefix, count).stream().map(s -> s.getBytes(StandardCharsets.UTF_8)).toList();
    }

    private static List<String> strings(String prefix, int count) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(prefix + i);
        }
        return out;
    }

    private static List<String> payloads(List<InputRecord> records) {
        return records.stream().map(r -> new String(r.payload().toArray(), StandardCharsets.UTF_8)).toList();
    }
}
