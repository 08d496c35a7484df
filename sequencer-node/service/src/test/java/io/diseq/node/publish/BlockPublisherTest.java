package io.diseq.node.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.diseq.core.crypto.Keccak256;
import io.diseq.core.util.Bytes;
import io.diseq.node.config.KafkaSettings;
import io.diseq.node.store.BlockStore;
import io.diseq.node.store.BlockWrite;
import io.diseq.node.store.NodeDatabase;
import io.diseq.node.store.StoreOutcome;
import io.diseq.node.testing.Await;
import io.diseq.node.testing.KafkaExtension;
import io.diseq.node.testing.PostgresExtension;
import io.diseq.schemas.BlockRecord;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.LongStream;
import io.diseq.node.store.BlockRow;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@Tag("integration")
class BlockPublisherTest {
    private static final Duration DEADLINE = Duration.ofSeconds(40);

    @RegisterExtension
    static final KafkaExtension KAFKA = new KafkaExtension();
    @RegisterExtension
    static final PostgresExtension PG = new PostgresExtension();

    private final List<BlockPublisher> publishers = new ArrayList<>();

    @AfterEach
    void stopPublishers() throws InterruptedException {
        for (BlockPublisher p : publishers) {
            p.stop();
        }
    }

    @Test
    void publishesEveryStoredHeightOnceInHeightOrder() {
        KafkaSettings kafka = chain("single");
        BlockStore store = newStore();
        storeHeights(store, 1, 10);
        BlockPublisher publisher = start(kafka, store, 0, CrashPoint.NONE);

        storeHeights(store, 11, 25);
        publisher.blockStored();

        Await.until(DEADLINE, "height 25 published", () -> publisher.publishedHeight() == 25);
        List<ConsumerRecord<byte[], byte[]>> records = KAFKA.readAllCommitted(kafka.blocksTopic());
        assertThat(heights(records)).isEqualTo(range(1, 25));
        BlockRecord seventh = BlockRecord.fromJson(records.get(6).value());
        assertThat(seventh.chainId()).isEqualTo("single");
        assertThat(Bytes.wrap(seventh.blockIdBytes())).isEqualTo(blockId(7));
        assertThat(seventh.header()).isEqualTo(Bytes.of(bytes("header-7")).toHex());
    }

    @Test
    void racingPublishersNeverDuplicateOrSkipAHeight() throws InterruptedException {
        KafkaSettings kafka = chain("race");
        BlockStore storeA = newStore();
        BlockStore storeB = newStore();
        BlockPublisher a = start(kafka, storeA, 0, CrashPoint.NONE);
        BlockPublisher b = start(kafka, storeB, 1, CrashPoint.NONE);

        for (long h = 1; h <= 150; h++) {
            storeHeights(storeA, h, h);
            storeHeights(storeB, h, h);
            a.blockStored();
            b.blockStored();
            if (h % 50 == 0) {
                a.stop();
                a = start(kafka, storeA, 0, CrashPoint.NONE);
            }
        }

        BlockPublisher lastA = a;
        Await.until(DEADLINE, "height 150 on the topic",
                () -> lastA.publishedHeight() == 150 || b.publishedHeight() == 150);
        assertThat(heights(KAFKA.readAllCommitted(kafka.blocksTopic()))).isEqualTo(range(1, 150));
        assertThat(publishers).allSatisfy(p -> assertThat(p.failure()).isNull());
        assertThat(publishers.stream().mapToLong(BlockPublisher::fencings).sum())
                .as("the publishers really raced: someone was fenced").isPositive();
    }

    @Test
    void crashMidTransactionLeavesNoTraceAndTheNextPublisherContinues() {
        KafkaSettings kafka = chain("crash");
        BlockStore storeA = newStore();
        BlockStore storeB = newStore();
        storeHeights(storeA, 1, 10);
        storeHeights(storeB, 1, 10);
        BlockPublisher crashing = start(kafka, storeA, 0, (first, last) -> {
            if (first <= 5 && 5 <= last) {
                throw new IllegalStateException("simulated crash before committing heights " + first + ".." + last);
            }
        });
        Await.until(DEADLINE, "publisher crashed", () -> crashing.failure() != null);
        assertThat(heights(KAFKA.readAllCommitted(kafka.blocksTopic()))).isEqualTo(range(1, 4));

        BlockPublisher successor = start(kafka, storeB, 1, CrashPoint.NONE);

        Await.until(DEADLINE, "successor published height 10", () -> successor.publishedHeight() == 10);
        assertThat(heights(KAFKA.readAllCommitted(kafka.blocksTopic()))).isEqualTo(range(1, 10));
        assertThat(heights(KAFKA.readAllUncommitted(kafka.blocksTopic())))
                .as("the crashed transaction's records are on the log, aborted")
                .containsSubsequence(1L, 2L, 3L, 4L, 5L, 6L, 5L, 6L, 7L, 8L, 9L, 10L);
    }

    @Test
    void aStalledPublisherIsReplacedByOneThatIsAhead() {
        KafkaSettings kafka = chain("stall");
        BlockStore lagging = newStore();
        BlockStore ahead = newStore();
        storeHeights(lagging, 1, 5);
        storeHeights(ahead, 1, 20);
        BlockPublisher first = start(kafka, lagging, new PublisherSettings(0, 20, 300, 200, 2, 60_000));
        Await.until(DEADLINE, "validator 0 published what it has", () -> first.publishedHeight() == 5);
        BlockPublisher second = start(kafka, ahead, new PublisherSettings(1, 20, 300, 200, 2, 60_000));

        Await.until(DEADLINE, "validator 1 took over and published height 20", () -> second.publishedHeight() == 20);
        storeHeights(lagging, 6, 22);
        storeHeights(ahead, 21, 22);
        first.blockStored();
        second.blockStored();

        Await.until(DEADLINE, "height 22 on the topic", () -> tail(kafka) == 22);
        assertThat(heights(KAFKA.readAllCommitted(kafka.blocksTopic()))).isEqualTo(range(1, 22));
        assertThat(first.fencings()).as("the stale publisher learned it was fenced when it tried again")
                .isPositive();
        assertThat(second.claims()).isPositive();
    }

    /**
     * The evening fault run found heights 118-119 twice on the topic after a broker restart: the
     * claimant read the committed tail while a transaction holding 118-119 was still open, published
     * 118.. after it, and the open one committed later. An open transaction of another producer stands
     * in for that one here: the claimant must wait for it to end, then continue after what it committed.
     */
    @Test
    void aClaimWaitsForATransactionOpenOnTheTopicInsteadOfPublishingOverIt() {
        KafkaSettings kafka = chain("open");
        BlockStore store = newStore();
        storeHeights(store, 1, 6);
        try (KafkaProducer<byte[], byte[]> open = openTransaction(kafka, store, 1, 2)) {
            BlockPublisher publisher = start(kafka, store, new PublisherSettings(0, 20, 0, 0, 2, 60_000, 600_000));

            Await.until(DEADLINE, "the claim saw the open transaction", () -> publisher.settleWaits() == 1);
            assertThat(publisher.role()).isEqualTo(BlockPublisher.Role.CLAIMING);
            assertThat(heights(KAFKA.readAllUncommitted(kafka.blocksTopic()))).as("nothing published over it")
                    .containsExactly(1L, 2L);
            open.commitTransaction();

            Await.until(DEADLINE, "height 6 published", () -> publisher.publishedHeight() == 6);
            assertThat(heights(KAFKA.readAllCommitted(kafka.blocksTopic()))).isEqualTo(range(1, 6));
            assertThat(publisher.hangingTransactionsAborted()).isZero();
        }
    }

    @Test
    void aTransactionThatStaysOpenIsAbortedAsHangingAndItsHeightsPublishedOnce() {
        KafkaSettings kafka = chain("hanging");
        BlockStore store = newStore();
        storeHeights(store, 1, 6);
        try (KafkaProducer<byte[], byte[]> hanging = openTransaction(kafka, store, 1, 2)) {
            BlockPublisher publisher = start(kafka, store, new PublisherSettings(0, 20, 0, 0, 2, 60_000, 500));

            Await.until(DEADLINE, "height 6 published", () -> publisher.publishedHeight() == 6);
            assertThat(publisher.hangingTransactionsAborted()).isEqualTo(1);
            assertThat(heights(KAFKA.readAllCommitted(kafka.blocksTopic()))).isEqualTo(range(1, 6));
            assertThat(heights(KAFKA.readAllUncommitted(kafka.blocksTopic())))
                    .as("the hanging transaction's records stay on the log, aborted")
                    .startsWith(1L, 2L, 1L, 2L);
            hanging.close(Duration.ZERO);
        }
    }

    /**
     * A broker that is down (restarting, unreachable) is no reason to claim the duty, and no reason
     * to stop: the publisher stands by and keeps trying. Before, one failed read stopped a publisher
     * that started without a broker, and sent a standby straight to claiming.
     */
    @Test
    void withoutABrokerThePublisherStandsByAndKeepsTrying() {
        KafkaSettings unreachable = new KafkaSettings("127.0.0.1:9", "nobroker", 100, 1 << 20, 50, 300, 30_000);
        BlockStore store = newStore();
        storeHeights(store, 1, 3);
        BlockPublisher publisher = start(unreachable, store, 0, CrashPoint.NONE);

        Await.until(DEADLINE, "three failed reads", () -> publisher.standbyReadFailures() >= 3
                || publisher.failure() != null);
        assertThat(publisher.failure()).isNull();
        assertThat(publisher.role()).isEqualTo(BlockPublisher.Role.STANDBY);
        assertThat(publisher.claims()).isZero();
    }

    /** Another transactional producer that writes the stored heights {@code from..to} and leaves its transaction open. */
    private static KafkaProducer<byte[], byte[]> openTransaction(KafkaSettings kafka, BlockStore store, long from,
                                                                  long to) {
        KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(KAFKA.producerConfig(Map.of(
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, kafka.topicPrefix() + ".stray-" + from,
                ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, 300_000)));
        producer.initTransactions();
        producer.beginTransaction();
        for (long h = from; h <= to; h++) {
            BlockRow row = store.block(h).orElseThrow();
            producer.send(new ProducerRecord<>(kafka.blocksTopic(), 0, BlockRecord.key(h), BlockRecord.of(
                    kafka.topicPrefix(), h, row.blockId(), row.headerRlp(), row.certificate(), row.blockTimeMs())
                    .toJson()));
        }
        producer.flush();
        return producer;
    }

    private static long tail(KafkaSettings kafka) {
        List<ConsumerRecord<byte[], byte[]>> records = KAFKA.readAllCommitted(kafka.blocksTopic());
        return records.isEmpty() ? -1 : BlockRecord.height(records.get(records.size() - 1).key());
    }

    private BlockPublisher start(KafkaSettings kafka, BlockStore store, PublisherSettings settings) {
        BlockPublisher publisher = new BlockPublisher(kafka.topicPrefix(), kafka, settings, store, Map.of(),
                CrashPoint.NONE);
        publisher.start();
        publishers.add(publisher);
        return publisher;
    }

    private BlockPublisher start(KafkaSettings kafka, BlockStore store, int index, CrashPoint crashPoint) {
        PublisherSettings settings = new PublisherSettings(index, 20, 0, 0, 2, 60_000);
        BlockPublisher publisher = new BlockPublisher(kafka.topicPrefix(), kafka, settings, store, Map.of(), crashPoint);
        publisher.start();
        publishers.add(publisher);
        return publisher;
    }

    private static KafkaSettings chain(String chain) {
        KafkaSettings kafka = new KafkaSettings(KAFKA.bootstrapServers(), chain, 100, 1 << 20, 50, 10_000, 30_000);
        KAFKA.createTopic(kafka.blocksTopic(), 1);
        return kafka;
    }

    private static BlockStore newStore() {
        return new BlockStore(NodeDatabase.open(PG.jdbi(PG.newDatabase())), nodes -> { });
    }

    private static void storeHeights(BlockStore store, long from, long to) {
        for (long h = from; h <= to; h++) {
            BlockWrite block = new BlockWrite(h, blockId(h), bytes("header-" + h), bytes("cert-" + h), 1000 + h,
                    List.of(Bytes.of(bytes("message-" + h))), Map.of(), new TreeMap<>(Map.of(0, h)));
            assertThat(store.store(block)).isEqualTo(new StoreOutcome.Stored(h));
        }
    }

    private static Bytes blockId(long height) {
        return Bytes.of(Keccak256.hash(bytes("block-" + height)));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static List<Long> heights(List<ConsumerRecord<byte[], byte[]>> records) {
        return records.stream().map(r -> BlockRecord.height(r.key())).toList();
    }

    private static List<Long> range(long from, long to) {
        return LongStream.rangeClosed(from, to).boxed().toList();
    }
}
