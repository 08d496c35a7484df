package io.diseq.core.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Which faults one run injects (docs/simulation.md, "Fault model"), drawn from the run's seed so a seed
 * alone reproduces it. Printed on the first line of every run.
 *
 * @param link          the lossy link policy while faults are active
 * @param partitions    how many times the network is split (and healed) during the fault phase
 * @param isolateDeciders an adaptive network adversary: the first instance to decide a height is cut off
 *                      from everyone for a while, so the others must finish the height without its votes
 * @param crashes       whether honest instances crash and restart from what they persisted
 * @param clockSkew     whether instance clocks are offset (within the allowed drift)
 * @param laggingReader whether some instances read the input topic late
 * @param byzantine     the byzantine behaviours, one per faulty validator (at most f in total with twins)
 * @param twins         whether one faulty validator runs as two honest-code instances with one key
 * @param splitLock     the split-lock plan ({@link LockSplit}): f colluding validators and a network adversary
 *                      that leave one honest validator deciding a block the others are split over
 * @param plan          a targeted plan of the planted-bug tests (docs/simulation.md, "Teeth"), or {@link Plan#NONE}
 * @param catchUp       whether instances catch up from peers' stored blocks (off, a liveness loss cannot hide)
 */
record FaultMix(SimNetwork.LinkPolicy link, int partitions, boolean isolateDeciders, boolean crashes, boolean clockSkew,
                boolean laggingReader, List<Byzantine> byzantine, boolean twins, boolean splitLock, Plan plan,
                boolean catchUp) {

    /** The byzantine behaviours a faulty validator can play (docs/simulation.md, "Byzantine behaviours"). */
    enum Byzantine {
        EQUIVOCATING_PROPOSER, DOUBLE_VOTER, FORGED_COMMITMENT, WITHHELD_COMMITMENT, INVALID_BLOCK,
        WRONG_CHAIN, REPLAY_OLD_ROUNDS, LOCK_BREAKER, SILENT,
        /** Sends garbage payloads of every kind beside its core's messages (issue 10). */
        GARBAGE,
        /** Teeth only: floods nil prevotes of ever higher rounds (f of them flood the same rounds). */
        FLOOD_ROUNDS,
        /** Teeth only: as committer, sends a forged pi ground to select an honest validator other than the real one. */
        GRIND_VRF,
        /** Teeth only: its fresh blocks skip the next unsequenced offset, with roots recomputed for what they hold. */
        SKIP_RANGE,
        /** Teeth only: sends nothing but a nil precommit for each precommit of its core. */
        NIL_PRECOMMITS
    }

    /** The behaviours {@link #random} draws from (the teeth-only ones come after). */
    private static final Byzantine[] CLASSIC = java.util.Arrays.copyOf(Byzantine.values(), 10);

    /** Targeted plans of the planted-bug tests (docs/simulation.md, "Teeth"). */
    enum Plan {
        NONE,
        /** The split-lock plan with a polka for another block B below the lock, B re-proposed by the colluders. */
        REPROPOSE_BELOW_LOCK,
        /** One victim receives f precommits for the deciding block late, after it moved to the next round. */
        LATE_PRECOMMITS,
        /** Honest instances crash right after sending a vote; a restarted one gets no proposal for a while. */
        VOTE_CRASHES
    }

    FaultMix(SimNetwork.LinkPolicy link, int partitions, boolean isolateDeciders, boolean crashes, boolean clockSkew,
             boolean laggingReader, List<Byzantine> byzantine, boolean twins, boolean splitLock) {
        this(link, partitions, isolateDeciders, crashes, clockSkew, laggingReader, byzantine, twins, splitLock,
                Plan.NONE, true);
    }

    /** One mix in this many of {@link #random} is the split-lock plan. */
    static final int SPLIT_LOCK_IN = 8;

    FaultMix {
        byzantine = List.copyOf(byzantine);
    }

    static FaultMix none() {
        return new FaultMix(SimNetwork.LinkPolicy.PERFECT, 0, false, false, false, false, List.of(), false, false);
    }

    /** Number of faulty validator keys this mix uses. */
    int faultyKeys(int n) {
        return splitLock ? (n - 1) / 3 : byzantine.size() + (twins ? 1 : 0);
    }

    /**
     * A random mix for {@code n} validators that never exceeds f = ⌊(n−1)/3⌋ faulty keys; one mix in
     * {@value #SPLIT_LOCK_IN} is the split-lock plan instead (drawn last, so the other mixes of a seed stay
     * what they were before the plan existed).
     */
    static FaultMix random(SplittableRandom rnd, int n) {
        FaultMix mix = classic(rnd, n);
        return rnd.nextInt(SPLIT_LOCK_IN) == 0 ? splitLock(rnd) : mix;
    }

    private static FaultMix classic(SplittableRandom rnd, int n) {
        long minDelay = 1 + rnd.nextLong(20);
        SimNetwork.LinkPolicy link = new SimNetwork.LinkPolicy(
                rnd.nextInt(3) == 0 ? 0 : rnd.nextDouble() * 0.2,
                rnd.nextInt(3) == 0 ? 0 : rnd.nextDouble() * 0.1,
                minDelay, minDelay + rnd.nextLong(300),
                rnd.nextInt(3) == 0 ? 0 : rnd.nextDouble() * 0.2, 1 + rnd.nextLong(800));
        int f = (n - 1) / 3;
        int faulty = rnd.nextInt(f + 1);
        boolean twins = faulty > 0 && rnd.nextInt(4) == 0;
        List<Byzantine> byz = new ArrayList<>();
        Byzantine[] kinds = CLASSIC;
        for (int i = twins ? 1 : 0; i < faulty; i++) {
            byz.add(kinds[rnd.nextInt(kinds.length)]);
        }
        int partitions = rnd.nextBoolean() ? 1 + rnd.nextInt(3) : 0;
        return new FaultMix(link, partitions, partitions == 0 && rnd.nextInt(3) == 0, rnd.nextBoolean(),
                rnd.nextBoolean(), rnd.nextBoolean(), byz, twins, false);
    }

    /**
     * The split-lock plan (docs/simulation.md, "Split-lock plan"): f colluders and the {@link LockSplit}
     * network adversary on a mildly lossy network without partitions or lagging readers, which would only
     * disturb the scenario; the clocks may be skewed. A third of these mixes also crash: mid-step crashes,
     * and a locked validator crashed and restarted in the middle of the split (instead of random crash episodes).
     */
    static FaultMix splitLock(SplittableRandom rnd) {
        long minDelay = 1 + rnd.nextLong(10);
        SimNetwork.LinkPolicy link = new SimNetwork.LinkPolicy(rnd.nextInt(2) == 0 ? 0 : rnd.nextDouble() * 0.05,
                rnd.nextDouble() * 0.05, minDelay, minDelay + rnd.nextLong(150), 0, 0);
        return new FaultMix(link, 0, false, rnd.nextInt(3) == 0, rnd.nextBoolean(), false, List.of(), false, true);
    }

    /**
     * A harsher mix for the planted-bug tests (docs/simulation.md, "Teeth"): half of them the split-lock plan,
     * the other half f faulty keys, one run as Twins (two honest-code instances whose locks and valid values
     * differ, so one of them proposes fresh blocks the other is locked against), one more (with 7 validators)
     * a {@code LOCK_BREAKER}, on a lossy, reordering network whose adversary isolates deciders. This is where a
     * core that ignores its lock or counts 2f as a quorum is expected to lose safety.
     */
    static FaultMix adversarial(SplittableRandom rnd, int n) {
        FaultMix mix = twinsAndLockBreaker(rnd, n);
        return rnd.nextBoolean() ? splitLock(rnd) : mix;
    }

    private static FaultMix twinsAndLockBreaker(SplittableRandom rnd, int n) {
        long minDelay = 1 + rnd.nextLong(10);
        SimNetwork.LinkPolicy link = new SimNetwork.LinkPolicy(0.05 + rnd.nextDouble() * 0.25, rnd.nextDouble() * 0.1,
                minDelay, minDelay + 50 + rnd.nextLong(400), rnd.nextDouble() * 0.3, 1 + rnd.nextLong(1000));
        int f = (n - 1) / 3;
        return new FaultMix(link, 0, true, rnd.nextBoolean(), rnd.nextBoolean(), rnd.nextBoolean(),
                f > 1 ? List.of(Byzantine.LOCK_BREAKER) : List.of(), true, false);
    }

    /** A fault-free network with small delays: for bugs any decision shows. */
    static FaultMix calm(SplittableRandom rnd) {
        long minDelay = 1 + rnd.nextLong(10);
        return new FaultMix(new SimNetwork.LinkPolicy(0, 0, minDelay, minDelay + 10 + rnd.nextLong(60), 0, 0), 0,
                false, false, rnd.nextBoolean(), false, List.of(), false, false);
    }

    /** Many duplicated deliveries with spread delays, so a copy often arrives before the last distinct vote. */
    static FaultMix duplicates(SplittableRandom rnd) {
        long minDelay = 1 + rnd.nextLong(10);
        return new FaultMix(new SimNetwork.LinkPolicy(0, 0.3 + rnd.nextDouble() * 0.2, minDelay,
                minDelay + 50 + rnd.nextLong(200), 0.1, 1 + rnd.nextLong(300)), 0, false, false, false, false,
                List.of(), false, false);
    }

    /** Honest instances crash right after their votes (docs/simulation.md, "Teeth"). */
    static FaultMix voteCrashes(SplittableRandom rnd) {
        long minDelay = 1 + rnd.nextLong(10);
        return new FaultMix(new SimNetwork.LinkPolicy(0, 0, minDelay, minDelay + 10 + rnd.nextLong(60), 0, 0), 0,
                false, true, false, false, List.of(), false, false, Plan.VOTE_CRASHES, true);
    }

    /** The split-lock plan where the colluders also hold a polka below the lock and re-propose it. */
    static FaultMix belowLock(SplittableRandom rnd) {
        FaultMix s = splitLock(rnd);
        return new FaultMix(s.link(), 0, false, false, s.clockSkew(), false, List.of(), false, true,
                Plan.REPROPOSE_BELOW_LOCK, true);
    }

    /** f validators that send only nil precommits, one victim that gets f precommits late, no catch-up. */
    static FaultMix latePrecommits(SplittableRandom rnd, int n) {
        long minDelay = 1 + rnd.nextLong(5);
        return new FaultMix(new SimNetwork.LinkPolicy(0, 0, minDelay, minDelay + 5 + rnd.nextLong(20), 0, 0), 0,
                false, false, false, false, java.util.Collections.nCopies((n - 1) / 3, Byzantine.NIL_PRECOMMITS),
                false, false, Plan.LATE_PRECOMMITS, false);
    }

    /** f validators of one teeth-only behaviour on a network slower than the flood tick. */
    static FaultMix faulty(SplittableRandom rnd, int n, Byzantine kind) {
        long minDelay = kind == Byzantine.FLOOD_ROUNDS ? 15 + rnd.nextLong(10) : 1 + rnd.nextLong(10);
        return new FaultMix(new SimNetwork.LinkPolicy(0, 0, minDelay, minDelay + 10 + rnd.nextLong(40), 0, 0), 0,
                false, false, false, false, java.util.Collections.nCopies((n - 1) / 3, kind), false, false);
    }

    /** A compact one-line description for the first line of a run. */
    String describe() {
        return String.format("drop=%.2f dup=%.2f delay=%d..%dms reorder=%.2f(+%dms) partitions=%d"
                        + " isolateDeciders=%s crashes=%s skew=%s lag=%s byzantine=%s twins=%s%s",
                link.dropP(), link.duplicateP(), link.minDelayMs(), link.maxDelayMs(), link.reorderP(),
                link.reorderExtraMs(), partitions, isolateDeciders, crashes, clockSkew, laggingReader, byzantine, twins,
                splitLock ? " splitLock" : "")
                + (plan == Plan.NONE ? "" : " plan=" + plan) + (catchUp ? "" : " catchUp=off");
    }
}
