package io.diseq.node.consensus;

import io.diseq.node.store.SignerStateStore;
import static io.diseq.node.consensus.ClusterChecks.assertNoFork;
import static io.diseq.node.consensus.ClusterChecks.chain;
import static io.diseq.node.consensus.ClusterChecks.height;
import static io.diseq.node.consensus.ClusterChecks.messages;
import static io.diseq.node.consensus.ClusterChecks.produce;
import static io.diseq.node.consensus.ClusterChecks.sequenced;
import static org.assertj.core.api.Assertions.assertThat;

import io.diseq.core.consensus.SignerState;
import io.diseq.node.testing.Await;
import io.diseq.node.testing.Cluster;
import io.diseq.node.testing.KafkaExtension;
import io.diseq.node.testing.PostgresExtension;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Storage does not block consensus (issue 11; docs/architecture.md, "Node runtime"): on a real network of four
 * validators, validator 0's block writer is held (its database as if very slow). Validator 0 still decides the
 * next heights and durably signs votes for them, while nothing more is written, served or counted as its height;
 * once the writer is released, every pending block is written in order and all four chains agree.
 */
@Tag("integration")
class SlowBlockWritesTest {
    private static final Duration DEADLINE = Duration.ofSeconds(120);
    private static final int SLOW = 0;
    /** Small blocks, so that 100 messages make several heights; rounds and gossip paced for a loaded machine. */
    private static final String CONFIG = """
            timeouts:
              proposeMs: 1000
              proposeDeltaMs: 500
              prevoteMs: 500
              prevoteDeltaMs: 250
              precommitMs: 500
              precommitDeltaMs: 250
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
              rebroadcastIntervalMs: 1000
              statusIntervalMs: 500
              syncGraceMs: 500
              syncRetryMs: 100
            blockLimits:
              maxMessages: 10
            """;

    @RegisterExtension
    @Order(1)
    static final KafkaExtension KAFKA = new KafkaExtension();

    @RegisterExtension
    @Order(2)
    static final PostgresExtension PG = new PostgresExtension();

    @Test
    void aValidatorWhoseBlockWritesAreHeldGoesOnDecidingAndSigningAtTheNextHeights() {
        try (Cluster c = new Cluster("slow-writes", 4, KAFKA, PG, CONFIG)) {
            c.startAll();
            produce(KAFKA, c.chainId(), messages("before", 20));
            awaitSequenced(c, List.of(0, 1, 2, 3), 20);
            Await.until(DEADLINE, () -> "validator 0 idle with nothing pending " + c.describe(),
                    () -> driver(c).status().pendingWrites() == 0);
            long durable = height(c, SLOW);

            driver(c).holdBlockWrites(true);
            produce(KAFKA, c.chainId(), messages("held", 100));
            Await.until(DEADLINE, () -> "validator 0 decided and signed beyond its durable height " + durable + ": "
                    + c.describe() + counters(c), () -> driver(c).status().tipHeight() >= durable + 2
                    && signedHeight(c) >= durable + 3);
            assertThat(height(c, SLOW)).as("nothing written while held").isEqualTo(durable);
            assertThat(c.consensus(SLOW).status().height()).as("served height = durable height").isEqualTo(durable);
            assertThat(driver(c).status().pendingWrites()).isGreaterThanOrEqualTo(2);
            assertThat(driver(c).alive()).isTrue();

            driver(c).holdBlockWrites(false);
            awaitSequenced(c, List.of(0, 1, 2, 3), 120);
            Await.until(DEADLINE, () -> "equal heights " + c.describe(), () -> IntStream.range(0, 4)
                    .mapToLong(i -> height(c, i)).distinct().count() == 1);
            assertNoFork(c);
            assertThat(chain(c, SLOW)).isEqualTo(chain(c, 1));
            Await.until(DEADLINE, () -> "validator 0 serves its tip " + c.describe(),
                    () -> c.consensus(SLOW).status().height() == height(c, SLOW));
        }
    }

    /** Validator 0's non-zero counters and its gossip gauges, for a failure message. */
    private static String counters(Cluster c) {
        StringBuilder b = new StringBuilder();
        c.metrics(SLOW).getCounters().forEach((name, counter) -> {
            if (counter.getCount() > 0) {
                b.append(' ').append(name).append('=').append(counter.getCount());
            }
        });
        c.metrics(SLOW).getGauges().forEach((name, g) -> {
            if (name.startsWith("gossip")) {
                b.append(' ').append(name).append('=').append(g.getValue());
            }
        });
        return b.toString();
    }

    private static ConsensusDriver driver(Cluster c) {
        return c.consensus(SLOW).driver();
    }

    /** The height of the last vote validator 0 signed, from its durable signer state. */
    private static long signedHeight(Cluster c) {
        return new SignerStateStore(c.jdbi(SLOW)).load().map(SignerState::height).orElse(0L);
    }

    private static void awaitSequenced(Cluster c, List<Integer> validators, long count) {
        for (int i : validators) {
            Await.until(DEADLINE, () -> "validator " + i + " sequenced " + count + " messages, has "
                    + sequenced(c, i) + ": " + c.describe() + counters(c), () -> sequenced(c, i) >= count);
            assertThat(sequenced(c, i)).isEqualTo(count);
        }
    }
}
