package io.diseq.core.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.diseq.core.consensus.ConsensusRules;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The simulation's teeth (docs/simulation.md, "Teeth"): each planted bug of {@link BrokenRules.Bug} run in every
 * core against the targeted plan that exercises its rule, from a base seed drawn at random on every CI run and
 * printed; the simulation must report a violation (safety or liveness) within {@link #MAX_RUNS} runs. The same
 * plans with the standard rules must pass ({@link #targetedPlansPassWithStandardRules}).
 * {@code -Dsim.teethRuns=N} runs N seeds per bug without stopping at the first catch and prints the catch rate.
 */
@Tag("sim")
class PlantedBugTest {
    /** Runs per bug before the test gives up; every bug's measured catch rate makes a miss in 16 runs negligible. */
    private static final int MAX_RUNS = 16;
    private static final int CHUNK = 2;

    /** The targeted mix of each bug, drawn from the run's seed. */
    static final Map<BrokenRules.Bug, BiFunction<SplittableRandom, Integer, FaultMix>> PLANS =
            new EnumMap<>(BrokenRules.Bug.class);

    static {
        PLANS.put(BrokenRules.Bug.DUPLICATE_SIGNER, (r, n) -> FaultMix.duplicates(r));
        PLANS.put(BrokenRules.Bug.QUORUM_2F, (r, n) -> FaultMix.calm(r));
        PLANS.put(BrokenRules.Bug.QUORUM_2F_VALIDATOR_SET, (r, n) -> FaultMix.calm(r));
        PLANS.put(BrokenRules.Bug.RESIGN_SAME_SLOT, (r, n) -> FaultMix.voteCrashes(r));
        PLANS.put(BrokenRules.Bug.LOCK_KEPT, (r, n) -> FaultMix.calm(r));
        PLANS.put(BrokenRules.Bug.IGNORE_LOCK_ON_REPROPOSAL, (r, n) -> FaultMix.belowLock(r));
        PLANS.put(BrokenRules.Bug.DECIDE_CURRENT_ROUND_ONLY, FaultMix::latePrecommits);
        PLANS.put(BrokenRules.Bug.SKIP_ON_F, (r, n) -> FaultMix.faulty(r, n, FaultMix.Byzantine.FLOOD_ROUNDS));
        PLANS.put(BrokenRules.Bug.ANY_PROPOSER, (r, n) -> FaultMix.belowLock(r));
        PLANS.put(BrokenRules.Bug.UNVERIFIED_VRF, (r, n) -> FaultMix.faulty(r, n, FaultMix.Byzantine.GRIND_VRF));
        PLANS.put(BrokenRules.Bug.RANGE_NOT_AT_NEXT, (r, n) -> FaultMix.faulty(r, n, FaultMix.Byzantine.SKIP_RANGE));
        PLANS.put(BrokenRules.Bug.VOTE_BEFORE_PERSIST, (r, n) -> FaultMix.voteCrashes(r));
        PLANS.put(BrokenRules.Bug.IGNORE_LOCK, (r, n) -> FaultMix.belowLock(r));
    }

    /** The run of {@code seed}: 4 validators for even seeds, 7 for odd ones, the bug's plan drawn from the seed. */
    static Simulation.Config config(BrokenRules.Bug bug, ConsensusRules rules, long seed) {
        int n = (seed & 1) == 0 ? 4 : 7;
        FaultMix mix = PLANS.get(bug).apply(new SplittableRandom(seed ^ 0x7ee7L), n);
        Simulation.Config c = Simulation.Config.of(seed, n).withRules(rules).withMix(mix, 0);
        return mix.splitLock() ? c.adversarially() : c;
    }

    @ParameterizedTest
    @EnumSource(BrokenRules.Bug.class)
    void plantedBugIsCaught(BrokenRules.Bug bug) {
        long base = new SplittableRandom().nextLong();
        String measure = System.getProperty("sim.teethRuns", "");
        int runs = measure.isBlank() ? MAX_RUNS : Integer.parseInt(measure.trim());
        List<Simulation.Result> caught = new ArrayList<>();
        int done = 0;
        long started = System.nanoTime();
        while (done < runs && (caught.isEmpty() || !measure.isBlank())) {
            List<Simulation.Config> configs = new ArrayList<>();
            for (int i = 0; i < CHUNK && done < runs; i++, done++) {
                configs.add(config(bug, bug.rules(), base + done));
            }
            caught.addAll(SimRunner.runAll(configs, true).failures());
        }
        System.out.printf("SIM teeth %s: caught in %d of %d runs from base seed %d (%.1f s)%s%n", bug.id,
                caught.size(), done, base, (System.nanoTime() - started) / 1e9, caught.stream().findFirst()
                        .map(r -> "; first: " + r.failure().getMessage().lines().findFirst().orElse("")
                                + "\n  REPLAY: " + replay(r.config(), bug)).orElse(""));
        assertThat(caught).as("%s: a violation within %d runs from base seed %d", bug.id, runs, base).isNotEmpty();
    }

    /** The targeted plans do not fail correct cores (seeds from a random base, printed). */
    @Test
    void targetedPlansPassWithStandardRules() {
        long base = new SplittableRandom().nextLong();
        String p = System.getProperty("sim.teethStandardRuns", "");
        int perPlan = p.isBlank() ? 2 : Integer.parseInt(p.trim());
        System.out.println("SIM teeth plans with standard rules: " + perPlan + " runs per plan from base seed " + base);
        List<Simulation.Config> configs = new ArrayList<>();
        long s = base;
        for (BrokenRules.Bug bug : List.of(BrokenRules.Bug.DUPLICATE_SIGNER, BrokenRules.Bug.RESIGN_SAME_SLOT,
                BrokenRules.Bug.IGNORE_LOCK_ON_REPROPOSAL, BrokenRules.Bug.DECIDE_CURRENT_ROUND_ONLY,
                BrokenRules.Bug.SKIP_ON_F, BrokenRules.Bug.UNVERIFIED_VRF, BrokenRules.Bug.RANGE_NOT_AT_NEXT,
                BrokenRules.Bug.QUORUM_2F)) {
            for (int i = 0; i < perPlan; i++) {
                configs.add(config(bug, ConsensusRules.STANDARD, s++));
            }
        }
        SimRunner.Batch b = SimRunner.runAll(configs, false);
        assertThat(b.failures()).extracting(r -> r.firstLine() + ": " + r.failure()).isEmpty();
    }

    private static String replay(Simulation.Config c, BrokenRules.Bug bug) {
        return "-Dtest=PlantedBugTest#replay -Dsim.bug=" + bug.id + " -Dsim.seed=" + c.seed();
    }

    /** Replays one planted-bug run with its trace: -Dsim.bug=<id> (or standard:<id> for the plan alone) -Dsim.seed. */
    @Test
    void replay() {
        String bugProperty = System.getProperty("sim.bug", "");
        if (bugProperty.isBlank()) {
            return;
        }
        boolean standard = bugProperty.startsWith("standard:");
        String id = standard ? bugProperty.substring("standard:".length()) : bugProperty;
        BrokenRules.Bug bug = ((BrokenRules.Planted) BrokenRules.parse(id)).bug;
        long seed = Long.parseLong(System.getProperty("sim.seed", "1").trim());
        Simulation.Result r = SimRunner.run(config(bug, standard ? ConsensusRules.STANDARD : bug.rules(), seed)
                .withTrace(), false);
        System.out.println(SimRunner.report(r));
    }
}
