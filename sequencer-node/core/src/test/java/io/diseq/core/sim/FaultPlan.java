package io.diseq.core.sim;

import io.diseq.core.consensus.ConsensusMessage;
import io.diseq.core.runtime.GossipType;
import io.diseq.core.runtime.Output;
import io.diseq.core.runtime.Payloads;
import io.diseq.core.consensus.Proposal;
import io.diseq.core.consensus.Vote;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Schedules the faults of one {@link FaultMix} inside the fault phase [0, healAtMs) and heals them all at
 * {@code healAtMs} (docs/simulation.md, "Fault model"): partitions (one per equal slot of the phase, so
 * they never overlap, with connected stretches between them) and heals, crashes and restarts
 * (including crashes in the middle of performing one step's effects), the split-lock plan ({@link LockSplit}),
 * and at heal a loss-free network.
 * Byzantine validators stay byzantine after the heal; liveness must hold despite them.
 */
final class FaultPlan {
    private static final double MID_STEP_CRASH_P = 0.004;
    /** Chance that one storage operation (a block write, a trie load) fails while the faults last. */
    private static final double STORAGE_FAULT_P = 0.03;
    /** {@link FaultMix.Plan#VOTE_CRASHES}: chance that an honest step sending a vote crashes right after it. */
    private static final double VOTE_CRASH_P = 0.12;
    /** {@link FaultMix.Plan#VOTE_CRASHES}: how long a restarted instance receives no proposal. */
    private static final long PROPOSAL_BLACKOUT_MS = 800;

    private final Simulation sim;
    private final FaultMix mix;
    private final SplittableRandom random;
    final long healAtMs;
    /**
     * The split-lock plan of this run, or null; its target height is 1 to 3; with crashes, a locked validator
     * also crashes and restarts during it.
     */
    final LockSplit lockSplit;
    private long firstDecidedHeight;
    /** Per instance, until when proposals to it are dropped ({@link FaultMix.Plan#VOTE_CRASHES}). */
    private final long[] blackoutUntil = new long[64];

    FaultPlan(Simulation sim, FaultMix mix, SplittableRandom random, long healAtMs) {
        this.sim = sim;
        this.mix = mix;
        this.random = random;
        this.healAtMs = healAtMs;
        this.lockSplit = mix.splitLock() ? new LockSplit(sim, random, 1 + random.nextInt(3), mix.crashes()) : null;
    }

    boolean faultPhase() {
        return sim.scheduler.nowMs() < healAtMs;
    }

    void schedule() {
        List<SimNetwork.Filter<ConsensusMessage>> filters = new ArrayList<>();
        if (lockSplit != null) {
            lockSplit.assignRoles();
            filters.add(lockSplit);
        }
        if (mix.plan() == FaultMix.Plan.LATE_PRECOMMITS) {
            filters.add(new LatePrecommits(sim));
        }
        if (mix.plan() == FaultMix.Plan.VOTE_CRASHES) {
            filters.add((from, to, m) -> !(m instanceof Proposal) || sim.scheduler.nowMs() >= blackoutUntil[to]);
        }
        if (!filters.isEmpty()) {
            sim.network.filter((from, to, p) -> {
                ConsensusMessage m = p instanceof Packet.Envelope e ? e.message() : null;
                if (m == null) {
                    return true; // STATUS, garbage and catch-up pass: the adversaries act on consensus messages
                }
                for (SimNetwork.Filter<ConsensusMessage> f : filters) {
                    if (!f.pass(from, to, m)) {
                        return false;
                    }
                }
                return true;
            });
        }
        if (mix.partitions() > 0) {
            long slot = healAtMs / mix.partitions();
            for (int i = 0; i < mix.partitions(); i++) {
                long from = i * slot + random.nextLong(slot / 2 + 1);
                long to = from + 1 + random.nextLong(i * slot + slot - from);
                int[] groups = groups();
                sim.scheduler.at(from, "partition", () -> sim.network.partition(groups));
                sim.scheduler.at(to, "heal", sim.network::heal);
            }
        }
        if (mix.crashes() && lockSplit == null && mix.plan() != FaultMix.Plan.VOTE_CRASHES) { // the split-lock plan crashes a locked validator instead
            int episodes = 1 + random.nextInt(3);
            for (int i = 0; i < episodes; i++) {
                SimNode victim = sim.nodes.get(random.nextInt(sim.nodes.size()));
                long from = random.nextLong(healAtMs);
                long to = from + random.nextLong(healAtMs - from + 1);
                sim.scheduler.at(from, "crash", victim::crash);
                sim.scheduler.at(to, "restart", victim::restart);
            }
        }
        sim.scheduler.at(healAtMs, "heal all", this::healAll);
    }

    /** A random split: either one instance isolated, or a random two-way split. */
    private int[] groups() {
        int size = sim.nodes.size();
        int[] g = new int[size];
        if (random.nextBoolean()) {
            g[random.nextInt(size)] = 1;
        } else {
            for (int i = 0; i < size; i++) {
                g[i] = random.nextInt(2);
            }
        }
        return g;
    }

    private void healAll() {
        if (lockSplit != null) {
            lockSplit.end();
        }
        sim.network.policy(sim.network.policy().healed());
        sim.network.heal();
        for (SimNode node : sim.nodes) {
            node.restart();
        }
        sim.trace.add(sim.scheduler.nowMs(), "FAULTS HEALED at decided height " + sim.monitor.decidedHeight());
        sim.healed();
    }

    /**
     * The adaptive adversary of {@link FaultMix#isolateDeciders}: cuts the first decider of a height off
     * (messages already in flight from or to it are lost on arrival) for 0.2 to 2 s, for 3 heights in 4.
     */
    /** Whether one storage operation fails now (only with crash faults, only before the heal). */
    boolean storageFails() {
        return mix.crashes() && faultPhase() && random.nextDouble() < STORAGE_FAULT_P;
    }

    void decided(SimNode node, long height) {
        if (lockSplit != null) {
            lockSplit.decided(node, height);
        }
        if (!mix.isolateDeciders() || !faultPhase() || height <= firstDecidedHeight) {
            return;
        }
        firstDecidedHeight = height;
        if (random.nextInt(4) == 0) {
            return;
        }
        int[] groups = new int[sim.nodes.size()];
        groups[node.instance] = 1;
        sim.network.partition(groups);
        sim.scheduler.after(200 + random.nextLong(1800), "heal", sim.network::heal);
    }

    /**
     * Whether (and after how many of its {@code effectCount} effects) an instance crashes in the middle
     * of performing a step: the index of the first effect NOT performed, or −1 for no crash.
     */
    int midStepCrash(SimNode node, List<Output> effects) {
        if (mix.plan() == FaultMix.Plan.VOTE_CRASHES) {
            return voteCrash(node, effects);
        }
        return midStepCrash(node, effects.size());
    }

    /**
     * {@link FaultMix.Plan#VOTE_CRASHES}: an honest instance whose step sends a vote crashes, with probability
     * {@value #VOTE_CRASH_P}, right after that broadcast (so an effect ordered after it is lost), restarts 1–200 ms
     * later and receives no proposal for {@value #PROPOSAL_BLACKOUT_MS} ms: its propose timeout fires and it votes
     * again in the round it voted in, where only its persisted signer state stops a second, different vote.
     */
    private int voteCrash(SimNode node, List<Output> effects) {
        if (!node.honest() || !faultPhase()) {
            return -1;
        }
        int vote = -1;
        for (int i = 0; i < effects.size() && vote < 0; i++) {
            if (effects.get(i) instanceof Output.Send s && (s.type() == GossipType.PREVOTE
                    || s.type() == GossipType.PRECOMMIT) && ownVote(node, s)) {
                vote = i;
            }
        }
        if (vote < 0 || random.nextDouble() >= VOTE_CRASH_P) {
            return -1;
        }
        long restartAt = sim.scheduler.nowMs() + 1 + random.nextLong(200);
        if (node.instance < blackoutUntil.length) {
            blackoutUntil[node.instance] = restartAt + PROPOSAL_BLACKOUT_MS;
        }
        sim.scheduler.at(restartAt, "restart", node::restart);
        if (vote + 1 < effects.size()) {
            return vote + 1;
        }
        sim.scheduler.after(0, "crash", node::crash); // the vote was the last effect: crash as the step ends
        return -1;
    }

    private static boolean ownVote(SimNode node, Output.Send s) {
        Payloads.Inbound in = Payloads.decode(s.type(), -1, s.height(), s.round(), s.payload().unsafeArray());
        return in instanceof Payloads.Inbound.Message m && m.message().sender() == node.validator;
    }

    int midStepCrash(SimNode node, int effectCount) {
        if (!mix.crashes() || effectCount == 0 || !faultPhase() || random.nextDouble() >= MID_STEP_CRASH_P) {
            return -1;
        }
        int after = random.nextInt(effectCount);
        long restartAt = Math.min(healAtMs, sim.scheduler.nowMs() + 1 + random.nextLong(1000));
        sim.scheduler.at(restartAt, "restart", node::restart);
        return after;
    }
}
