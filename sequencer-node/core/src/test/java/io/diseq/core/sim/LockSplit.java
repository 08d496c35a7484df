package io.diseq.core.sim;

import io.diseq.core.consensus.ConsensusMessage;
import io.diseq.core.consensus.Proposal;
import io.diseq.core.consensus.Vote;
import io.diseq.core.consensus.VoteType;
import io.diseq.core.util.Bytes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The split-lock plan (docs/simulation.md, "Split-lock plan"): a network adversary and f colluding validators
 * ({@link Byzantines#colluder}) that build, at one target height, the situation Tendermint's lock exists for
 * (arXiv 1807.04938, Algorithm 1 lines 22–33 and the agreement argument): one honest validator has decided
 * block A, f honest validators are locked on A, f others never saw A's polka, and a proposer without A
 * proposes another block B. With the lock honoured, B gets the prevotes of at most the f unlocked honest and
 * the f colluding validators, one short of a quorum; a core that ignores its lock adds f more and decides B.
 *
 * <p>Roles among the 2f+1 honest instances (drawn from the run's seed): the decider d, the locked group L (f),
 * one of which is the leaker, and the unlocked group U (f). The target A is the first fresh proposal of the
 * target height (in round r), or a later round's fresh proposal while no honest core is locked yet. Until the
 * faults heal, the adversary (a {@link SimNetwork.Filter}, which draws no randomness):
 * <ul>
 *   <li>keeps round r's prevotes for A from U, except U's own and the leaker's, so U sees 2f+1 prevotes of
 *       which only f+1 are for A: no polka, and U precommits nil after its prevote timeout;</li>
 *   <li>lets a colluder's precommit for A reach d only, so d alone holds 2f+1 precommits for A (d, L and the
 *       colluders) and decides; everyone else sees at most f+1 of them;</li>
 *   <li>drops every re-proposal of A (it would carry A's polka to U), so rounds pass until a U validator or a
 *       colluder proposes something else;</li>
 *   <li>cuts d off from everyone when it decides the target height, so nobody catches up to A by sync; with
 *       crashes, one locked validator then crashes and restarts from what it persisted.</li>
 * </ul>
 * The colluders prevote A towards d and L and nil towards U in round r, precommit A towards d and nil towards
 * the others, propose a fresh block instead of re-proposing A in later rounds, and vote for the later rounds'
 * other block. Their cores never see d's precommit for A, so they do not decide A (a colluder at the next
 * height would be a sync source for A).
 */
final class LockSplit implements SimNetwork.Filter<ConsensusMessage> {
    private final Simulation sim;
    private final SplittableRandom random;
    private final boolean restartLocked;
    final long height;
    private final boolean[] unlocked;
    private final boolean[] colluder;
    private final List<Integer> locked = new ArrayList<>();
    private final Map<Integer, Bytes> alternatives = new HashMap<>();
    private int decider = -1;
    private int leaker = -1;
    private Bytes target;
    private int targetRound = -1;
    private boolean active = true;
    private boolean deciderCut;
    /**
     * {@link FaultMix.Plan#REPROPOSE_BELOW_LOCK}: the first fresh block B of the height gets a polka in its round
     * that only the colluders see (each honest validator sees f+1 prevotes for B of 2f+1), they collect it, and
     * once the decider has decided A they re-propose B with that validRound, below the lock of L on A: as the
     * selected proposer (Algorithm 1 line 29 must make L prevote nil) and, in every other round, as a proposer
     * the VRF did not select (every honest validator must reject it).
     */
    final boolean belowLock;
    private Bytes b;
    private int roundB = -1;
    private io.diseq.core.chain.BlockHeader bHeader;
    private final java.util.TreeMap<Integer, Vote> bPolka = new java.util.TreeMap<>();
    private final List<Integer> honestOrder = new ArrayList<>();

    /**
     * @param restartLocked whether one locked validator crashes when the decider is cut off and restarts from
     *                      what it persisted, so its lock must survive the restart
     */
    LockSplit(Simulation sim, SplittableRandom random, long height, boolean restartLocked) {
        this.sim = sim;
        this.random = random;
        this.height = height;
        this.restartLocked = restartLocked;
        this.unlocked = new boolean[sim.config.validators()];
        this.colluder = new boolean[sim.config.validators()];
        this.belowLock = sim.mix.plan() == FaultMix.Plan.REPROPOSE_BELOW_LOCK;
    }

    /** Whether the colluders re-propose B now: below-lock plan, before the heal, the decider has decided A. */
    boolean reproposing(long h) {
        return belowLock && active && deciderCut && h == height && b != null && bHeader != null;
    }

    /** Whether {@code m} is of B's round at the target height, before the heal (the colluders hide B's polka). */
    boolean inRoundB(ConsensusMessage m) {
        return belowLock && active && m.height() == height && b != null && m.round() == roundB;
    }

    Bytes b() {
        return b;
    }

    int roundB() {
        return roundB;
    }

    io.diseq.core.chain.BlockHeader bHeader() {
        return bHeader;
    }

    /** Records a prevote for B of B's round (the colluders' polka). */
    void polkaVote(Vote v) {
        if (b != null && v.type() == VoteType.PREVOTE && v.round() == roundB && b.equals(v.blockId())) {
            bPolka.putIfAbsent(v.validatorIndex(), v);
        }
    }

    /** B's polka as collected, or null if it is short of a quorum. */
    List<Vote> bPolka() {
        int n = sim.config.validators();
        return bPolka.size() >= 2 * n / 3 + 1 ? List.copyOf(bPolka.values()) : null;
    }

    /** Round B: an honest validator receives honest prevotes for B only from the f honest validators after it. */
    private boolean passInRoundB(int to, int voter) {
        if (colluder[to] || to == voter) {
            return true;
        }
        int f = (sim.config.validators() - 1) / 3;
        int i = honestOrder.indexOf(to);
        for (int k = 1; k <= f; k++) {
            if (honestOrder.get((i + k) % honestOrder.size()) == voter) {
                return true;
            }
        }
        return false;
    }

    /**
     * Picks d, L and U among the honest instances and notes the colluders; called once the instances exist.
     * The plan never runs with Twins, so instance i is validator i.
     */
    void assignRoles() {
        List<Integer> honest = new ArrayList<>();
        for (SimNode node : sim.nodes) {
            if (node.instance != node.validator) {
                throw new IllegalStateException("the split-lock plan runs without Twins");
            }
            if (node.honest()) {
                honest.add(node.instance);
            } else {
                colluder[node.validator] = true;
            }
        }
        honestOrder.addAll(honest);
        decider = honest.remove(random.nextInt(honest.size()));
        int f = (sim.config.validators() - 1) / 3;
        for (int i = 0; i < f; i++) {
            unlocked[honest.remove(random.nextInt(honest.size()))] = true;
        }
        locked.addAll(honest);
        leaker = honest.get(random.nextInt(honest.size()));
        sim.trace.add(sim.scheduler.nowMs(), "split-lock at height " + height + ": decider i" + decider
                + ", locked " + honest + " (i" + leaker + " prevotes seen by all), unlocked " + unlockedList());
    }

    private List<Integer> unlockedList() {
        List<Integer> u = new ArrayList<>();
        for (int i = 0; i < unlocked.length; i++) {
            if (unlocked[i]) {
                u.add(i);
            }
        }
        return u;
    }

    /** Whether the plan is shaping messages of height {@code h}: before the heal, once A is known. */
    boolean attacking(long h) {
        return active && h == height && target != null;
    }

    boolean active() {
        return active;
    }

    int decider() {
        return decider;
    }

    boolean unlocked(int instance) {
        return unlocked[instance];
    }

    Bytes target() {
        return target;
    }

    int targetRound() {
        return targetRound;
    }

    /** The first proposal of round {@code round} (after the target round) for a block other than A, or null. */
    Bytes alternative(int round) {
        if (reproposing(height)) {
            return b;
        }
        return alternatives.get(round);
    }

    @Override
    public boolean pass(int from, int to, ConsensusMessage m) {
        if (!active || m.height() != height) {
            return true;
        }
        if (m instanceof Proposal p) {
            return belowLock ? proposalBelowLock(p) : proposal(p);
        }
        if (belowLock && m instanceof Vote bv && bv.type() == VoteType.PREVOTE && inRoundB(bv) && b.equals(bv.blockId())) {
            return passInRoundB(to, bv.validatorIndex());
        }
        if (!(m instanceof Vote v) || target == null || !target.equals(v.blockId())) {
            return true;
        }
        int voter = v.validatorIndex();
        if (v.type() == VoteType.PREVOTE) {
            return v.round() != targetRound || !unlocked[to] || unlocked[voter] || voter == leaker;
        }
        return !colluder[voter] || to == decider;
    }

    /**
     * The first fresh proposal of the height becomes the target A; a later round's fresh proposal replaces it
     * while no honest instance is locked yet (A's round passed without a polka anywhere, so the split failed to
     * start) and the decider has not decided. Re-proposals of A are dropped.
     */
    private boolean proposal(Proposal p) {
        if (p.validRound() == -1 && (target == null || p.round() > targetRound && !deciderCut && nobodyLocked())) {
            target = p.blockId();
            targetRound = p.round();
            sim.trace.add(sim.scheduler.nowMs(), "split-lock target A=" + Describe.shortId(target) + " round "
                    + targetRound);
            return true;
        }
        if (target == null) {
            return true;
        }
        if (p.blockId().equals(target)) {
            return p.round() == targetRound;
        }
        if (p.round() > targetRound) {
            alternatives.putIfAbsent(p.round(), p.blockId());
        }
        return true;
    }

    /** Below-lock plan: the first fresh block is B; B's re-proposals pass only once the colluders re-propose it. */
    private boolean proposalBelowLock(Proposal p) {
        if (b == null) {
            if (p.validRound() == -1) {
                b = p.blockId();
                roundB = p.round();
                bHeader = p.block();
                sim.trace.add(sim.scheduler.nowMs(), "split-lock below-lock B=" + Describe.shortId(b) + " round " + roundB);
            }
            return true;
        }
        if (p.blockId().equals(b)) {
            return p.round() == roundB || reproposing(p.height());
        }
        return p.round() <= roundB || proposal(p);
    }

    private boolean nobodyLocked() {
        for (SimNode node : sim.nodes) {
            if (node.honest() && node.up() && node.core().status().height() == height
                    && node.core().status().lockedRound() >= 0) {
                return false;
            }
        }
        return true;
    }

    /** Cuts the decider off once it has decided the target height (and maybe restarts a locked validator). */
    void decided(SimNode node, long h) {
        if (!active || h != height || node.instance != decider) {
            return;
        }
        deciderCut = true;
        int[] groups = new int[sim.nodes.size()];
        groups[decider] = 1;
        sim.network.partition(groups);
        sim.trace.add(sim.scheduler.nowMs(), "split-lock: decider i" + decider + " cut off");
        if (restartLocked) {
            SimNode victim = sim.nodes.get(locked.get(random.nextInt(locked.size())));
            victim.crash();
            sim.scheduler.after(1 + random.nextLong(300), "restart", victim::restart);
        }
    }

    /** The faults heal: the network stops shaping messages and the colluders play their cores' messages. */
    void end() {
        active = false;
    }
}
