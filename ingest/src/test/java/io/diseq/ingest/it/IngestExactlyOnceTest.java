package io.diseq.ingest.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.diseq.core.crypto.Keccak256;
import io.diseq.core.util.Bytes;
import io.diseq.schemas.IngestRejectCode;
import io.diseq.schemas.RejectedRecord;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ingest service against a real broker: 50,000 raw records with 10% duplicates and 1% invalid,
 * the service SIGKILLed mid-run and restarted; the output holds exactly the distinct valid messages
 * once each (read_committed) and the rejected topic exactly the invalid records with their bytes.
 */
@Tag("integration")
class IngestExactlyOnceTest {
    private static final String CHAIN = "eo";
    private static final int MAX_MESSAGE_BYTES = 65_536;
    private static final Duration DEADLINE = Duration.ofSeconds(120);

    private static KafkaTestCluster kafka;

    @TempDir
    Path dir;

    @BeforeAll
    static void startKafka() throws Exception {
        kafka = KafkaTestCluster.start();
    }

    @AfterAll
    static void stopKafka() throws Exception {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void exactlyTheDistinctValidMessagesSurviveAKillAndRestart() throws Exception {
        Dataset data = new Dataset(20261121L, 50_000, MAX_MESSAGE_BYTES);
        assertThat(data.duplicates).isEqualTo(5_000);
        assertThat(data.invalidCount()).isEqualTo(500);
        int adminPort = freePort();
        Path config = IngestConfigFile.write(dir, CHAIN, kafka.bootstrapServers(), dir.resolve("state"), adminPort);
        int half = data.records.size() / 2;

        try (KafkaProducer<byte[], byte[]> producer = producer();
             OutputReader out = new OutputReader(kafka.bootstrapServers(), CHAIN)) {
            IngestProcess first = IngestProcess.start(config, dir.resolve("first.log"));
            send(producer, data.records.subList(0, half));
            awaitTrue("first instance produced output", () -> out.poll() >= 2_000 || !first.isAlive(), first);
            first.kill();
            int beforeRestart = out.messages.size();
            assertThat(beforeRestart).as("killed mid-run").isLessThan(data.distinctIds.size());

            IngestProcess second = IngestProcess.start(config, dir.resolve("second.log"));
            send(producer, data.records.subList(half, data.records.size()));
            awaitTrue("all messages and rejects arrived", () -> {
                out.poll();
                return out.messages.size() >= data.distinctIds.size() && out.rejected.size() >= data.invalidCount();
            }, second);
            awaitTrue("ingest committed every input offset", () -> caughtUp(CHAIN), second);
            out.drainToEnd();
            assertExactOutput(data, out);
            String instanceId = Files.readString(dir.resolve("state").resolve("instance-id")).trim();
            assertThat(groupInstanceIds(CHAIN))
                    .as("the restarted instance took the killed one's static membership (no wait for its session timeout)")
                    .containsExactly(instanceId + "-1");
            assertAdminEndpoints(adminPort, second);
            assertThat(second.stop()).as(second.logTail()).isIn(0, 143);
        }
    }

    private static void assertExactOutput(Dataset data, OutputReader out) {
        List<Bytes> ids = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : out.messages) {
            assertThat(r.key()).isEqualTo(Keccak256.hash(r.value()));
            ids.add(Bytes.wrap(r.key()));
        }
        assertThat(ids).hasSize(data.distinctIds.size()).doesNotHaveDuplicates();
        assertThat(ids).containsExactlyInAnyOrderElementsOf(data.distinctIds);

        Map<IngestRejectCode, Integer> codes = new EnumMap<>(IngestRejectCode.class);
        Map<Bytes, Integer> valueHashes = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : out.rejected) {
            RejectedRecord rejected = RejectedRecord.fromHeaders(r.headers(), r.key(), r.value());
            assertThat(rejected.sourceTopic()).isEqualTo(CHAIN + ".messages.raw");
            codes.merge(rejected.code(), 1, Integer::sum);
            valueHashes.merge(Bytes.wrap(Keccak256.hash(r.value())), 1, Integer::sum);
        }
        assertThat(codes).isEqualTo(data.rejectCounts);
        assertThat(valueHashes).isEqualTo(data.rejectedValueHashes);
    }

    private static void assertAdminEndpoints(int adminPort, IngestProcess process) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        awaitTrue("health checks pass", () -> get(http, adminPort, "/healthcheck").statusCode() == 200, process);
        String health = get(http, adminPort, "/healthcheck").body();
        assertThat(health).contains("kafka-streams").contains("kafka-brokers");
        String metrics = get(http, adminPort, "/prometheus").body();
        assertThat(metrics).contains("diseq_ingest_accepted").contains("diseq_ingest_rejected_EMPTY")
                .contains("diseq_ingest_duplicates").contains("diseq_ingest_lag_records");
    }

    private static HttpResponse<String> get(HttpClient http, int port, String path) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The {@code group.instance.id} of each member of the ingest group ("" for a dynamic member). */
    private static List<String> groupInstanceIds(String chain) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            String group = "diseq-ingest-" + chain;
            return admin.describeConsumerGroups(List.of(group)).all().get().get(group).members().stream()
                    .map(m -> m.groupInstanceId().orElse("")).toList();
        }
    }

    /** The ingest group's committed offsets equal the end offsets of the raw and by-id topics. */
    private static boolean caughtUp(String chain) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin
                    .listConsumerGroupOffsets("diseq-ingest-" + chain).partitionsToOffsetAndMetadata().get();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            committed.keySet().forEach(tp -> latest.put(tp, OffsetSpec.latest()));
            var ends = admin.listOffsets(latest).all().get();
            boolean hasRaw = committed.keySet().stream().anyMatch(tp -> tp.topic().equals(chain + ".messages.raw"));
            return hasRaw && committed.entrySet().stream()
                    .allMatch(e -> e.getValue() != null && e.getValue().offset() == ends.get(e.getKey()).offset());
        } catch (Exception e) {
            return false;
        }
    }

    private static void send(KafkaProducer<byte[], byte[]> producer, List<Dataset.Raw> records) {
        for (Dataset.Raw r : records) {
            producer.send(new ProducerRecord<>(CHAIN + ".messages.raw", r.key(), r.value()));
        }
        producer.flush();
    }

    private KafkaProducer<byte[], byte[]> producer() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 60_000);
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 1_048_576);
        return new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    }

    static void awaitTrue(String what, BooleanSupplier condition, IngestProcess process) throws InterruptedException {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out waiting until " + what + "; ingest log:\n" + process.logTail());
            }
            if (!process.isAlive()) {
                fail("ingest exited while waiting until " + what + "; log:\n" + process.logTail());
            }
            Thread.onSpinWait();
        }
    }

    /**
     * A free port below Linux's ephemeral range (32768-60999 by default): both ingest processes bind
     * it, and in between the test's own Kafka clients open many connections, any of which could take
     * a port from that range as its local port.
     */
    private static int freePort() throws IOException {
        for (int attempt = 0; attempt < 1_000; attempt++) {
            int port = 20_000 + ThreadLocalRandom.current().nextInt(12_000);
            try (ServerSocket s = new ServerSocket()) {
                s.setReuseAddress(true);
                s.bind(new InetSocketAddress(port));
                return port;
            } catch (IOException taken) {
                // try another
            }
        }
        throw new IOException("no free port between 20000 and 32000");
    }

    /** Reads the messages and rejected topics from the beginning with read_committed. */
    static final class OutputReader implements AutoCloseable {
        final List<ConsumerRecord<byte[], byte[]>> messages = new ArrayList<>();
        final List<ConsumerRecord<byte[], byte[]>> rejected = new ArrayList<>();
        private final KafkaConsumer<byte[], byte[]> consumer;
        private final String messagesTopic;
        private final List<String> topics;
        private boolean assigned;

        OutputReader(String bootstrap, String chain) {
            Properties p = new Properties();
            p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
            p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
            p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 4 * 1_048_576);
            consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
            messagesTopic = chain + ".messages";
            topics = List.of(messagesTopic, chain + ".messages.rejected");
        }

        /** One bounded poll; returns the number of messages read so far. */
        int poll() {
            if (!assign()) {
                return 0;
            }
            for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                (r.topic().equals(messagesTopic) ? messages : rejected).add(r);
            }
            return messages.size();
        }

        /** Polls until the position of every partition is its end offset (the LSO under read_committed). */
        void drainToEnd() throws InterruptedException {
            assign();
            Map<TopicPartition, Long> ends = consumer.endOffsets(consumer.assignment());
            awaitPositions(ends);
        }

        private void awaitPositions(Map<TopicPartition, Long> ends) {
            long deadline = System.nanoTime() + DEADLINE.toNanos();
            while (!ends.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue())) {
                if (System.nanoTime() > deadline) {
                    fail("output not drained: positions behind " + ends);
                }
                poll();
            }
        }

        private boolean assign() {
            if (assigned) {
                return true;
            }
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : topics) {
                var infos = consumer.partitionsFor(topic, Duration.ofSeconds(5));
                if (infos == null || infos.isEmpty()) {
                    return false;
                }
                infos.forEach(i -> partitions.add(new TopicPartition(topic, i.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            assigned = true;
            return true;
        }

        @Override
        public void close() {
            consumer.close(Duration.ofSeconds(5));
        }
    }
}
