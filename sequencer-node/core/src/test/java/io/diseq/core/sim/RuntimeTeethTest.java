package io.diseq.core.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.diseq.core.runtime.GossipType;
import io.diseq.core.runtime.RuntimeRules;
import io.diseq.core.sim.InvariantViolation.Kind;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Planted bugs in the node runtime (docs/simulation.md, "Teeth"): each breaks one rule of the production
 * {@link io.diseq.core.runtime.NodeRuntime} through {@link RuntimeRules}, and the simulation alone must catch
 * it in every CI run, from fresh seeds (each failure prints its replay command).
 */
@Tag("sim")
class RuntimeTeethTest {
    private static final int SEEDS = 12;

    /** Signer states performed after the sends they guard. */
    static final class SendBeforePersist extends RuntimeRules {
        @Override
        public boolean persistBeforeSend() {
            return false;
        }
    }

    /** Blocks announced (published) as soon as they are decided, before their write completed. */
    static final class AnnounceBeforeDurable extends RuntimeRules {
        @Override
        public boolean announceWhenDurable() {
            return false;
        }
    }

    /** A relay that never re-sends prevotes. */
    static final class RelayDropsPrevotes extends RuntimeRules {
        @Override
        public boolean relays(GossipType type) {
            return type != GossipType.PREVOTE;
        }
    }

    @Test
    void aVoteSentBeforeItsSignerStateIsDurableIsCaught() {
        assertCaught(new SendBeforePersist(), FaultMix.none(), Kind.SENT_BEFORE_DURABLE, SEEDS);
    }

    @Test
    void aBlockAnnouncedBeforeItIsDurableIsCaught() {
        assertCaught(new AnnounceBeforeDurable(), FaultMix.none(), Kind.PUBLISHED_BEFORE_DURABLE, SEEDS);
    }

    /**
     * Lossy links and partitions while the faults last: a side of a partition that enters a round prevotes,
     * but its prevotes never reach the other side and are never re-sent, so no honest node sees 2f+1 prevotes
     * of the round, none schedules its prevote timeout or sees a later round, and the height stalls for good
     * after the heal; catch-up cannot help, as nobody decided.
     */
    @Test
    void aRelayThatDropsOneKindIsCaught() {
        FaultMix lossy = new FaultMix(new SimNetwork.LinkPolicy(0.3, 0, 5, 40, 0, 0), 3, false, false, false, false,
                List.of(), false, false);
        assertCaught(new RelayDropsPrevotes(), lossy, null, SEEDS / 2); // 11 or 12 of 12 when measured
    }

    /** The same mixes with the standard rules pass, so the failures above are the planted bugs'. */
    @Test
    void theStandardRulesPassTheSameRuns() {
        FaultMix lossy = new FaultMix(new SimNetwork.LinkPolicy(0.3, 0, 5, 40, 0, 0), 3, false, false, false, false,
                List.of(), false, false);
        for (FaultMix mix : List.of(FaultMix.none(), lossy)) {
            SimRunner.Batch b = SimRunner.runAll(configs(RuntimeRules.STANDARD, mix), true);
            assertThat(b.failures()).as("standard rules under %s", mix.describe())
                    .extracting(r -> r.config().seed() + "/" + r.config().validators() + ": " + r.failure())
                    .isEmpty();
        }
    }

    private static List<Simulation.Config> configs(RuntimeRules rules, FaultMix mix) {
        long base = new java.util.SplittableRandom().nextLong();
        List<Simulation.Config> configs = new ArrayList<>();
        for (int i = 0; i < SEEDS; i++) {
            configs.add(Simulation.Config.of(base + i, i % 2 == 0 ? 4 : 7).withMix(mix, 6).withRuntimeRules(rules));
        }
        return configs;
    }

    /** {@code kind} null: any liveness violation (no progress, or records left unsequenced). */
    private static void assertCaught(RuntimeRules rules, FaultMix mix, Kind kind, int minRuns) {
        SimRunner.Batch b = SimRunner.runAll(configs(rules, mix), true);
        List<String> caught = b.failures().stream()
                .filter(r -> r.failure() instanceof InvariantViolation v
                        && (kind == null ? !v.kind().safety() : v.kind() == kind))
                .map(r -> r.config().seed() + "/" + r.config().validators()).toList();
        System.out.println("SIM runtime teeth: " + rules.getClass().getSimpleName() + ": " + caught.size() + " of "
                + b.runs() + " runs fail with " + (kind == null ? "a liveness violation" : kind));
        assertThat(caught.size()).as("%s: runs of %d failing with %s (fresh seeds)", rules.getClass().getSimpleName(),
                b.runs(), kind == null ? "a liveness violation" : kind).isGreaterThanOrEqualTo(minRuns);
    }
}
