package io.diseq.node.consensus;

import static io.diseq.node.consensus.ClusterChecks.assertNoFork;
import static io.diseq.node.consensus.ClusterChecks.assertOutputTopic;
import static io.diseq.node.consensus.ClusterChecks.assertReceiptsVerify;
import static io.diseq.node.consensus.ClusterChecks.chain;
import static io.diseq.node.consensus.ClusterChecks.height;
import static io.diseq.node.consensus.ClusterChecks.messages;
import static io.diseq.node.consensus.ClusterChecks.produce;
import static io.diseq.node.consensus.ClusterChecks.sequenced;
import static org.assertj.core.api.Assertions.assertThat;

import io.diseq.node.testing.Await;
import io.diseq.node.testing.Cluster;
import io.diseq.node.testing.KafkaExtension;
import io.diseq.node.testing.PostgresExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Four validators in this JVM (separate PostgreSQL databases, one Kafka broker, real HTTP gossip):
 * exactly-once sequencing, identical chains, the output topic, offline receipts, crash/restart of one,
 * two and all validators. Timeouts are tiny so that rounds are fast; every wait is a condition with a
 * deadline.
 */
@Tag("integration")
class ConsensusClusterTest {
    private static final Duration DEADLINE = Duration.ofSeconds(90);
    static final String FAST = """
            timeouts:
              proposeMs: 500
              proposeDeltaMs: 200
              prevoteMs: 200
              prevoteDeltaMs: 100
              precommitMs: 200
              precommitDeltaMs: 100
            publisher:
              checkIntervalMs: 100
              takeoverAfterMs: 1000
              takeoverStaggerMs: 300
            gossip:
              maxAttempts: 3
              baseBackoffMs: 10
              maxBackoffMs: 100
              connectTimeoutMs: 300
              requestTimeoutMs: 2000
            consensus:
              rebroadcastIntervalMs: 300
              statusIntervalMs: 200
              syncGraceMs: 500
              syncRetryMs: 100
            """;

    @RegisterExtension
    @Order(1)
    static final KafkaExtension KAFKA = new KafkaExtension();

    @RegisterExtension
    @Order(2)
    static final PostgresExtension PG = new PostgresExtension();

    @Test
    void sequencesTwentyThousandMessagesExactlyOnceAndARestartedValidatorCatchesUp() {
        try (Cluster c = new Cluster("e2e", 4, KAFKA, PG, FAST + "blockLimits:\n  maxMessages: 2000\n")) {
            c.startAll();
            List<byte[]> first = messages("first", 20_000);
            long start = System.nanoTime();
            produce(KAFKA, c.chainId(), first);
            long produced = System.nanoTime();
            awaitSequenced(c, List.of(0, 1, 2, 3), 20_000);
            long done = System.nanoTime();
            long h = height(c, 0);
            System.out.printf("END-TO-END 4 validators: 20000 messages produced in %d ms, sequenced on all 4 after "
                            + "%d ms (%.0f msg/s), %d heights (%.1f heights/s), mean finality %d ms%n",
                    (produced - start) / 1_000_000, (done - start) / 1_000_000, 20_000 / ((done - start) / 1e9), h,
                    h / ((done - start) / 1e9), finalityMean(c));

            c.stop(3);
            List<byte[]> second = messages("second", 3_000);
            produce(KAFKA, c.chainId(), second);
            awaitSequenced(c, List.of(0, 1, 2), 23_000);
            assertThat(sequenced(c, 3)).isLessThan(23_000);
            c.start(3);
            awaitSequenced(c, List.of(0, 1, 2, 3), 23_000);

            Await.until(DEADLINE, () -> "equal heights " + c.describe(), () -> IntStream.range(0, 4)
                    .mapToLong(i -> height(c, i)).distinct().count() == 1);
            List<String> reference = chain(c, 0);
            for (int i = 1; i < 4; i++) {
                assertThat(chain(c, i)).as("chain of validator " + i).isEqualTo(reference);
            }
            long top = reference.size();
            Await.until(DEADLINE, "every height on the block topic",
                    () -> KAFKA.readAllCommitted(c.chainId() + ".blocks").size() >= top);
            assertOutputTopic(KAFKA, c, top);
            List<byte[]> all = new ArrayList<>(first);
            all.addAll(second);
            assertReceiptsVerify(c, 3, all, 42);
            assertReceiptsVerify(c, 0, all, 7);
        }
    }

    @Test
    void twoOfFourDownHaltsWithoutForkAndEveryoneResumesAfterAFullRestart() {
        try (Cluster c = new Cluster("e2e-halt", 4, KAFKA, PG, FAST)) {
            c.startAll();
            produce(KAFKA, c.chainId(), messages("a", 500));
            awaitSequenced(c, List.of(0, 1, 2, 3), 500);

            c.stop(2);
            c.stop(3);
            long halted = height(c, 0);
            produce(KAFKA, c.chainId(), messages("b", 200));
            // Without a quorum no 2f+1 prevotes exist, so (Tendermint) the live validators prevote nil after the
            // propose timeout and then wait: no decision, no round change.
            Await.until(DEADLINE, () -> "the two live validators prevoted at the next height " + c.describe(),
                    () -> IntStream.of(0, 1).allMatch(i -> c.consensus(i).status().height() == halted
                            && !c.consensus(i).status().step().equals("PROPOSE")));
            assertThat(height(c, 0)).isEqualTo(halted);
            assertThat(height(c, 1)).isEqualTo(halted);
            assertNoFork(c);

            c.start(3);
            awaitSequenced(c, List.of(0, 1, 3), 700);
            c.start(2);
            awaitSequenced(c, List.of(0, 1, 2, 3), 700);
            assertNoFork(c);

            for (int i = 0; i < 4; i++) {
                c.stop(i);
            }
            produce(KAFKA, c.chainId(), messages("c", 300));
            c.startAll();
            awaitSequenced(c, List.of(0, 1, 2, 3), 1_000);
            Await.until(DEADLINE, () -> "equal heights " + c.describe(), () -> IntStream.range(0, 4)
                    .mapToLong(i -> height(c, i)).distinct().count() == 1);
            assertNoFork(c);
            long top = height(c, 0);
            Await.until(DEADLINE, "every height on the block topic",
                    () -> KAFKA.readAllCommitted(c.chainId() + ".blocks").size() >= top);
            assertOutputTopic(KAFKA, c, top);
            List<byte[]> all = new ArrayList<>(messages("a", 500));
            all.addAll(messages("b", 200));
            all.addAll(messages("c", 300));
            assertReceiptsVerify(c, 2, all, 3);
        }
    }

    @Test
    void aValidatorWithAnEmptyDatabaseCatchesUpALongChainAndThenVotes() {
        String tiny = FAST + "blockLimits:\n  maxMessages: 1\n";
        try (Cluster c = new Cluster("e2e-sync", 4, KAFKA, PG, tiny)) {
            c.startAll();
            long start = System.nanoTime();
            produce(KAFKA, c.chainId(), messages("long", 1_050));
            awaitSequenced(c, List.of(0, 1, 2, 3), 1_050, Duration.ofMinutes(5));
            long built = System.nanoTime();
            // one message per block, plus an empty block whenever a height stayed idle for the empty-block
            // interval (ingest may lag on a loaded machine), so at least 1,050 heights
            long top = height(c, 0);
            assertThat(top).isGreaterThanOrEqualTo(1_050);

            c.stop(3);
            c.wipe(3);
            assertThat(height(c, 3)).isZero();
            c.start(3);
            Await.until(DEADLINE, () -> "the empty validator caught up " + c.describe(), () -> height(c, 3) >= top);
            long caughtUp = System.nanoTime();
            System.out.printf("CATCH-UP: %d heights (1,050 messages, one per block) built by 4 validators in %d ms; a "
                    + "wiped validator caught up in %d ms%n", top, (built - start) / 1_000_000, (caughtUp - built) / 1_000_000);
            assertThat(chain(c, 3).subList(0, (int) top)).isEqualTo(chain(c, 0).subList(0, (int) top));

            c.stop(0);
            produce(KAFKA, c.chainId(), messages("after", 20));
            awaitSequenced(c, List.of(1, 2, 3), 1_070);
            assertNoFork(c); // v3's and v1's chains agree on every height both hold
        }
    }

    private static long finalityMean(Cluster c) {
        var h = io.diseq.node.metrics.BucketHistogram.of(c.metrics(0)).get("consensus.finalityMs");
        return h.count() == 0 ? 0 : h.sum() / h.count(); // the mean: the histogram keeps buckets, not samples
    }

    private static void awaitSequenced(Cluster c, List<Integer> validators, long count) {
        awaitSequenced(c, validators, count, DEADLINE);
    }

    private static void awaitSequenced(Cluster c, List<Integer> validators, long count, Duration deadline) {
        for (int i : validators) {
            Await.until(deadline, () -> "validator " + i + " sequenced " + count + " messages, has "
                    + sequenced(c, i) + ": " + c.describe(), () -> sequenced(c, i) >= count);
            assertThat(sequenced(c, i)).isEqualTo(count);
        }
    }
}
