package io.diseq.ingest.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.diseq.core.crypto.Keccak256;
import io.diseq.schemas.IngestRejectCode;
import io.diseq.schemas.RejectedRecord;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The topology's logic in TopologyTestDriver: every reject code, de-duplication, retention purge, poison records. */
@Tag("unit")
class IngestTopologyTest {
    private static final long RETENTION_MS = 60_000;
    private static final long PURGE_EVERY_MS = 1_000;
    private static final int MAX_BYTES = 100;

    @TempDir
    Path stateDir;

    private final CountingMetrics metrics = new CountingMetrics();
    private final IngestSettings settings = IngestSettings.defaults("test", 3).withDedup(RETENTION_MS, PURGE_EVERY_MS, 2);
    private TopologyTestDriver driver;
    private TestInputTopic<byte[], byte[]> raw;
    private TestOutputTopic<byte[], byte[]> messages;
    private TestOutputTopic<byte[], byte[]> rejected;

    @AfterEach
    void close() {
        if (driver != null) {
            driver.close();
        }
    }

    private void start(MessageCheck check) {
        IngestSettings s = new IngestSettings(settings.topics(), MAX_BYTES, settings.messagePartitions(),
                settings.dedupRetentionMs(), settings.purgeIntervalMs(), settings.purgeBatchMax());
        Properties props = StreamsProperties.of(s, metrics, "unused:9092", "ingest-test", stateDir.toString(),
                1, 1, 1 << 20, null, Map.of());
        // TopologyTestDriver's transactional mock producer drops the records a DeserializationExceptionHandler
        // returns under exactly_once_v2 (Kafka 4.3.1); the logic is the same under at_least_once, and the
        // integration test checks dead-lettered poison records with exactly_once_v2 on a real broker.
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE);
        driver = new TopologyTestDriver(IngestTopology.build(s, metrics, check), props, Instant.ofEpochMilli(1_000_000));
        raw = driver.createInputTopic("test.messages.raw", new ByteArraySerializer(), new ByteArraySerializer());
        messages = driver.createOutputTopic("test.messages", new ByteArrayDeserializer(), new ByteArrayDeserializer());
        rejected = driver.createOutputTopic("test.messages.rejected", new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private void start() {
        start(new MessageValidator(MAX_BYTES));
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aValidMessageIsKeyedByItsKeccakId() {
        start();
        raw.pipeInput(null, utf8("hello"));
        raw.pipeInput(Keccak256.hash(utf8("keyed")), utf8("keyed"));
        List<TestRecord<byte[], byte[]>> out = messages.readRecordsToList();
        assertThat(out).hasSize(2);
        assertThat(out.get(0).key()).isEqualTo(Keccak256.hash(utf8("hello")));
        assertThat(out.get(0).value()).isEqualTo(utf8("hello"));
        assertThat(out.get(1).key()).isEqualTo(Keccak256.hash(utf8("keyed")));
        assertThat(rejected.isEmpty()).isTrue();
        assertThat(metrics.accepted).isEqualTo(2);
    }

    @Test
    void producerHeadersAreNotCarriedIntoMessages() {
        start();
        raw.pipeInput(new TestRecord<>(null, utf8("m"), new org.apache.kafka.common.header.internals.RecordHeaders()
                .add("x-producer", utf8("1")), Instant.ofEpochMilli(5)));
        assertThat(messages.readRecord().headers().toArray()).isEmpty();
    }

    @Test
    void everyValidationRejectCodeIsDeadLetteredWithOriginalBytes() {
        start();
        byte[] oversized = new byte[MAX_BYTES + 1];
        byte[] wrongKey = Keccak256.hash(utf8("other"));
        raw.pipeInput(null, new byte[0]);
        raw.pipeInput(null, oversized);
        raw.pipeInput(utf8("k"), (byte[]) null);
        raw.pipeInput(wrongKey, utf8("payload"));
        raw.pipeInput(null, new byte[MAX_BYTES]);

        List<TestRecord<byte[], byte[]>> out = rejected.readRecordsToList();
        assertThat(out).extracting(r -> reject(r).code()).containsExactly(
                IngestRejectCode.EMPTY, IngestRejectCode.OVERSIZED, IngestRejectCode.MALFORMED_KEY,
                IngestRejectCode.KEY_MISMATCH);
        assertThat(out.get(0).value()).isEmpty();
        assertThat(out.get(1).value()).isEqualTo(oversized);
        assertThat(out.get(2).key()).isEqualTo(utf8("k"));
        assertThat(out.get(3).key()).isEqualTo(wrongKey);
        assertThat(out.get(3).value()).isEqualTo(utf8("payload"));
        RejectedRecord first = reject(out.get(0));
        assertThat(first.sourceTopic()).isEqualTo("test.messages.raw");
        assertThat(first.sourceOffset()).isZero();
        assertThat(reject(out.get(3)).sourceOffset()).isEqualTo(3);
        assertThat(reject(out.get(1)).detail()).contains("101 bytes");
        assertThat(messages.readValuesToList()).containsExactly(new byte[MAX_BYTES]);
        assertThat(metrics.rejected).containsEntry(IngestRejectCode.EMPTY, 1).containsEntry(IngestRejectCode.OVERSIZED, 1)
                .containsEntry(IngestRejectCode.MALFORMED_KEY, 1).containsEntry(IngestRejectCode.KEY_MISMATCH, 1);
    }

    @Test
    void aTombstoneIsRejectedAsNullValue() {
        start();
        raw.pipeInput((byte[]) null, (byte[]) null);
        TestRecord<byte[], byte[]> r = rejected.readRecord();
        assertThat(reject(r).code()).isEqualTo(IngestRejectCode.NULL_VALUE);
        assertThat(r.value()).isNull();
    }

    @Test
    void aPoisonKeyNeverStopsTheStream() {
        start();
        for (int i = 0; i < 5; i++) {
            raw.pipeInput(new byte[] {(byte) i}, utf8("after poison " + i));
            raw.pipeInput(null, utf8("valid " + i));
        }
        assertThat(rejected.readRecordsToList()).hasSize(5)
                .allSatisfy(r -> assertThat(reject(r).code()).isEqualTo(IngestRejectCode.MALFORMED_KEY));
        assertThat(messages.readRecordsToList()).hasSize(5);
    }

    @Test
    void anUnexpectedProcessingFailureIsDeadLetteredAndTheStreamGoesOn() {
        MessageValidator real = new MessageValidator(MAX_BYTES);
        start((key, value) -> {
            if (value != null && new String(value, StandardCharsets.UTF_8).equals("boom")) {
                throw new IllegalStateException("injected failure");
            }
            return real.check(key, value);
        });
        raw.pipeInput(null, utf8("boom"));
        raw.pipeInput(null, utf8("fine"));
        TestRecord<byte[], byte[]> r = rejected.readRecord();
        assertThat(reject(r).code()).isEqualTo(IngestRejectCode.PROCESSING_ERROR);
        assertThat(reject(r).detail()).contains("injected failure");
        assertThat(r.value()).isEqualTo(utf8("boom"));
        assertThat(messages.readValuesToList()).containsExactly(utf8("fine"));
    }

    @Test
    void duplicatesAreCountedNotForwardedNorRejected() {
        start();
        byte[] m = utf8("same");
        raw.pipeInput(null, m);
        raw.pipeInput(null, m);
        raw.pipeInput(Keccak256.hash(m), m);
        raw.pipeInput(null, utf8("other"));
        assertThat(messages.readValuesToList()).containsExactly(m, utf8("other"));
        assertThat(rejected.isEmpty()).isTrue();
        assertThat(metrics.duplicates).isEqualTo(2);
        assertThat(metrics.accepted).isEqualTo(2);
    }

    @Test
    void idsAreRememberedForTheRetentionAndPurgedAfterIt() {
        start();
        byte[] m = utf8("replayed later");
        raw.pipeInput(null, m);
        driver.advanceWallClockTime(Duration.ofMillis(RETENTION_MS - PURGE_EVERY_MS));
        raw.pipeInput(null, m);
        assertThat(messages.readValuesToList()).hasSize(1);
        assertThat(metrics.purged).isZero();

        driver.advanceWallClockTime(Duration.ofMillis(2 * PURGE_EVERY_MS));
        assertThat(metrics.purged).isEqualTo(1);
        raw.pipeInput(null, m);
        assertThat(messages.readValuesToList()).hasSize(1);
    }

    @Test
    void purgeRemovesOldestFirstInBoundedBatches() {
        start();
        for (int i = 0; i < 5; i++) {
            raw.pipeInput(null, utf8("m" + i));
            driver.advanceWallClockTime(Duration.ofMillis(10));
        }
        driver.advanceWallClockTime(Duration.ofMillis(RETENTION_MS - 10));
        assertThat(metrics.purged).isEqualTo(2);
        raw.pipeInput(null, utf8("young"));
        driver.advanceWallClockTime(Duration.ofMillis(PURGE_EVERY_MS));
        assertThat(metrics.purged).isEqualTo(4);
        driver.advanceWallClockTime(Duration.ofMillis(PURGE_EVERY_MS));
        assertThat(metrics.purged).isEqualTo(5);
        messages.readRecordsToList();
        raw.pipeInput(null, utf8("m0"));
        raw.pipeInput(null, utf8("young"));
        assertThat(messages.readValuesToList()).containsExactly(utf8("m0"));
    }

    private static RejectedRecord reject(TestRecord<byte[], byte[]> r) {
        return RejectedRecord.fromHeaders(r.headers(), r.key(), r.value());
    }
}
