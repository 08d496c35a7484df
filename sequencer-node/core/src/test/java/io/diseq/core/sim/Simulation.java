package io.diseq.core.sim;

import io.diseq.core.chain.ChainConfig;
import io.diseq.core.chain.ChainTip;
import io.diseq.core.chain.Genesis;
import io.diseq.core.chain.SignBytes;
import io.diseq.core.chain.Timeouts;
import io.diseq.core.chain.ValidatorSet;
import io.diseq.core.consensus.ConsensusRules;
import io.diseq.core.runtime.Input;
import io.diseq.core.runtime.RuntimeRules;
import io.diseq.core.sim.InvariantViolation.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * One seeded simulation run (docs/simulation.md): N validators driven in one thread by a {@link Scheduler},
 * connected by a faulty {@link SimNetwork}, reading one {@link SimTopic}, under one {@link FaultMix}; every
 * random choice comes from one {@link SplittableRandom} seeded with the run's seed, so the seed alone
 * replays the run. Safety is checked by the {@link SafetyMonitor} as each observation happens; liveness
 * once the faults have healed.
 */
final class Simulation {
    /** What to run. {@code mix} null draws the fault mix from the seed. */
    /**
     * What to run. {@code mix} null draws the fault mix from the seed: from {@link FaultMix#adversarial} when
     * {@code adversarial}, else from {@link FaultMix#random}. {@code minHeights} raises the liveness target.
     */
    record Config(long seed, int validators, SimKeys.Mode crypto, ConsensusRules rules, FaultMix mix,
                  boolean adversarial, boolean trace, long minHeights, RuntimeRules runtimeRules) {
        Config(long seed, int validators, SimKeys.Mode crypto, ConsensusRules rules, FaultMix mix,
               boolean adversarial, boolean trace, long minHeights) {
            this(seed, validators, crypto, rules, mix, adversarial, trace, minHeights, RuntimeRules.STANDARD);
        }

        /** The same run with a (deliberately broken) runtime rule set, for the planted runtime bugs. */
        Config withRuntimeRules(RuntimeRules r) {
            return new Config(seed, validators, crypto, rules, mix, adversarial, trace, minHeights, r);
        }

        static Config of(long seed, int validators) {
            return new Config(seed, validators, SimKeys.Mode.FAKE, ConsensusRules.STANDARD, null, false, false, 0);
        }

        Config withTrace() {
            return new Config(seed, validators, crypto, rules, mix, adversarial, true, minHeights, runtimeRules);
        }

        Config withCrypto(SimKeys.Mode mode) {
            return new Config(seed, validators, mode, rules, mix, adversarial, trace, minHeights, runtimeRules);
        }

        Config withRules(ConsensusRules r) {
            return new Config(seed, validators, crypto, r, mix, adversarial, trace, minHeights, runtimeRules);
        }

        Config adversarially() {
            return new Config(seed, validators, crypto, rules, mix, true, trace, minHeights, runtimeRules);
        }

        Config withMix(FaultMix m, long heights) {
            return new Config(seed, validators, crypto, rules, m, adversarial, trace, heights, runtimeRules);
        }
    }

    /** The outcome of a run; {@code failure} null when every invariant held. */
    /** The outcome of a run; {@code failure} null when every invariant held. */
    record Result(Config config, String firstLine, long decidedHeight, long events, long simulatedMs,
                  RuntimeException failure, String trace, String stats, Map<String, Long> counters) {
        boolean ok() {
            return failure == null;
        }
    }

    static final String CHAIN_ID = "sim";
    static final int PARTITIONS = 3;
    static final long MAX_DRIFT_MS = 1000;
    static final long GOSSIP_MS = 300;
    static final long STATUS_POLL_MS = 500;
    /** Heights every honest instance must decide beyond the height reached when the faults healed. */
    static final int LIVENESS_HEIGHTS = 3;
    /**
     * Simulated time after the heal within which liveness must be reached: about 28 rounds at the growing
     * timeouts, so that a lock held by one honest validator, which only that validator's VRF-drawn turn as
     * proposer can resolve, is resolved in all but a negligible share of runs (docs/simulation.md).
     */
    static final long LIVENESS_BOUND_MS = 120_000;

    final Config config;
    final SplittableRandom random;
    final Scheduler scheduler = new Scheduler();
    final TraceRing trace;
    final SimTopic topic = new SimTopic(PARTITIONS);
    final SimKeys keys;
    final ChainConfig chain;
    final ChainTip genesis;
    final ConsensusRules rules;
    final SafetyMonitor monitor;
    final SimNetwork<Packet> network;
    final List<SimNode> nodes = new ArrayList<>();
    final SimStats stats = new SimStats();
    final FaultMix mix;
    final FaultPlan faults;
    private long targetHeight = Long.MAX_VALUE;
    private boolean healed;

    Simulation(Config config) {
        this.config = config;
        this.random = new SplittableRandom(config.seed());
        SplittableRandom mixRandom = random.split();
        this.mix = config.mix() != null ? config.mix() : config.adversarial()
                ? FaultMix.adversarial(mixRandom, config.validators()) : FaultMix.random(mixRandom, config.validators());
        this.trace = new TraceRing(Integer.getInteger("sim.traceLines", 4000), config.trace());
        this.keys = new SimKeys(config.crypto(), config.validators(), random.split());
        this.chain = chainConfig(BrokenRules.validatorSet(config.rules(), keys.validators())); // teeth hook
        this.genesis = Genesis.tip(chain);
        this.rules = config.rules();
        this.monitor = SimChecks.monitor(this); // teeth hook: checks independent of the code under test
        int instances = config.validators() + (mix.twins() ? 1 : 0);
        this.network = new SimNetwork<>(instances, scheduler, random, trace, mix.link());
        this.network.receiver((from, to, m) -> deliver(to, m));
        long healAt = mix.equals(FaultMix.none()) ? 0
                : config.adversarial() ? 5_000 + random.nextLong(10_000) : 1000 + random.nextLong(6000);
        this.faults = new FaultPlan(this, mix, random, healAt);
        NodeFactory.create(this, instances);
    }

    private static ChainConfig chainConfig(ValidatorSet validators) {
        Timeouts timeouts = new Timeouts(300, 100, 200, 100, 200, 100);
        return new ChainConfig(CHAIN_ID, validators, 1_000, timeouts, 16, 4096, MAX_DRIFT_MS, 150);
    }

    String firstLine() {
        return "SIM seed=" + config.seed() + " validators=" + config.validators() + " crypto=" + config.crypto()
                + (config.adversarial() ? " adversarial" : "")
                + " rules=" + BrokenRules.name(rules)
                + " healAt=" + faults.healAtMs + "ms faults: " + mix.describe();
    }

    private void deliver(int to, Packet p) {
        nodes.get(to).receive(p);
    }

    /** The instance that answers for validator {@code validator} to instance {@code asker}, or −1. */
    int instanceOf(int validator, int asker) {
        for (SimNode node : nodes) {
            if (node.validator == validator && node.instance != asker) {
                return node.instance;
            }
        }
        return -1;
    }

    /** Runs to completion: liveness reached after the heal, a violation, or the time bound. */
    Result run() {
        long endMs = faults.healAtMs + LIVENESS_BOUND_MS + config.minHeights() * 1000;
        RuntimeException failure = null;
        try {
            startAll();
            while (scheduler.nextAtMs() <= endMs) {
                scheduler.runNext();
                if (healed && livenessReached()) {
                    break;
                }
            }
            if (!livenessReached()) {
                throw livenessFailure();
            }
        } catch (RuntimeException e) { // an invariant, or an exception thrown by the core: both fail the seed

            failure = e;
            trace.add(scheduler.nowMs(), "FAILURE " + e);
        }
        return new Result(config, firstLine(), monitor.decidedHeight(), scheduler.executed(), scheduler.nowMs(),
                failure, trace.dump(), stats + " " + network.stats(), stats.counts());
    }

    private void startAll() {
        faults.schedule();
        Workload.schedule(this, Math.max(faults.healAtMs, 1500));
        for (SimNode node : nodes) {
            node.start();
        }
        if (faults.healAtMs == 0) {
            healed();
        }
    }

    /** Called once when every fault has healed: fixes the liveness target. */
    void healed() {
        healed = true;
        targetHeight = Math.max(config.minHeights(), monitor.decidedHeight() + LIVENESS_HEIGHTS);
    }

    boolean livenessReached() {
        for (SimNode node : nodes) {
            if (node.honest() && node.height() < targetHeight) {
                return false;
            }
        }
        return allRecordsSequenced();
    }

    private boolean allRecordsSequenced() {
        for (int p = 0; p < PARTITIONS; p++) {
            if (monitor.nextOffset(p) < topic.endOffset(p)) {
                return false;
            }
        }
        return true;
    }

    private InvariantViolation livenessFailure() {
        StringBuilder heights = new StringBuilder();
        for (SimNode node : nodes) {
            heights.append(" i").append(node.instance).append('=').append(node.height())
                    .append(node.core() == null ? "(down)" : "@" + node.core().status());
        }
        if (!allRecordsSequenced()) {
            return new InvariantViolation(Kind.RECORD_NOT_SEQUENCED, "records left unsequenced " + recordGap()
                    + " by " + scheduler.nowMs() + " ms; heights:" + heights);
        }
        return new InvariantViolation(Kind.NO_PROGRESS, "target height " + targetHeight + " not reached by "
                + scheduler.nowMs() + " ms; heights:" + heights);
    }

    private String recordGap() {
        StringBuilder sb = new StringBuilder();
        for (int p = 0; p < PARTITIONS; p++) {
            sb.append(" p").append(p).append(':').append(monitor.nextOffset(p)).append('/').append(topic.endOffset(p));
        }
        return sb.toString();
    }

    /** Notifies each running instance, after its own reader lag, that new input can be read. */
    void inputAppended() {
        for (SimNode node : nodes) {
            scheduler.after(node.view.lagMs() + 1, "input", () -> node.step(new Input.InputAppended()));
        }
    }
}
