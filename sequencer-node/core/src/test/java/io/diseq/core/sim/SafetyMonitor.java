package io.diseq.core.sim;

import io.diseq.core.sim.InvariantViolation.Kind;
import io.diseq.core.sim.Observed.CertVote;
import io.diseq.core.sim.Observed.Decision;
import io.diseq.core.sim.Observed.Range;
import io.diseq.core.sim.Observed.Sequenced;
import io.diseq.core.sim.Observed.Signed;
import io.diseq.core.util.Bytes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The safety invariants of docs/simulation.md ("Invariants"), checked after every simulated event:
 * agreement (one decided block per height), heights in order with the right parent, certificates of
 * a quorum of distinct valid precommits, timestamps increasing with height, no double signature by an honest validator, no message id
 * sequenced twice, every sequenced record taken from the input log with contiguous offsets per partition.
 * A violation is thrown as an {@link InvariantViolation}; the monitor never repairs anything.
 */
final class SafetyMonitor {
    private record SignKey(int validator, long height, int round, Observed.Step step) {
    }

    private final int quorum;
    private final Predicate<CertVote> voteValid;
    private final SimTopic topic;
    private final List<Bytes> canonical = new ArrayList<>();
    private long lastTimestampMs;
    private final Map<Integer, Long> lastHeightOf = new HashMap<>();
    private final Map<SignKey, Bytes> signatures = new HashMap<>();
    private final Set<Bytes> sequencedIds = new HashSet<>();
    private final long[] nextOffset;
    private long decisions;
    /** The monitor's own leader check of a decided block (VRF with the key registry), or null. */
    private Predicate<Decision> leaderValid;
    private record Slot(long height, int round, Bytes blockId) {
    }

    private final Map<Slot, Set<Observed.Proposed>> proposals = new HashMap<>();
    /** Whether a proposal's pi selects its claimed proposer (the monitor's own VRF check), or null. */
    private Predicate<Observed.Proposed> selected;

    private record HeightRound(long height, int round) {
    }

    private final Map<HeightRound, Set<Integer>> roundSenders = new HashMap<>();
    private final Map<HeightRound, Set<Integer>> precommitSenders = new HashMap<>();
    private int oneHonest = -1;

    /** Enables the round check with f+1 = {@code oneHonest} computed from the validator count. */
    void roundCheck(int oneHonest) {
        this.oneHonest = oneHonest;
    }

    /**
     * A message of (height, round) left some instance (any validator, honest or not). An honest validator's first
     * message of a round r > 0 must be justified: it sent a message in r − 1 (it got to r by its timeouts), 2f+1
     * distinct validators sent precommits of r − 1 (lines 47 and 65: the precommit timeout needs nothing sent), or
     * f+1 distinct validators sent messages of r (Algorithm 1 line 55). Every message a core could have received
     * counts, so this never blames a correct core; a core that skips on fewer senders is caught at once.
     */
    void onRoundMessage(int validator, boolean honest, long height, int round, boolean precommit) {
        HeightRound key = new HeightRound(height, round);
        HeightRound before = new HeightRound(height, round - 1);
        Set<Integer> senders = roundSenders.computeIfAbsent(key, k -> new HashSet<>());
        if (honest && oneHonest > 0 && round > 0 && !senders.contains(validator)
                && !roundSenders.getOrDefault(before, Set.of()).contains(validator)
                && precommitSenders.getOrDefault(before, Set.of()).size() < quorum
                && senders.size() < oneHonest) {
            throw new InvariantViolation(Kind.UNJUSTIFIED_ROUND, "validator " + validator + " sent a message of h="
                    + height + " r=" + round + " with " + senders.size() + " senders of that round and none of its own in r="
                    + (round - 1));
        }
        senders.add(validator);
        if (precommit) {
            precommitSenders.computeIfAbsent(key, k -> new HashSet<>()).add(validator);
        }
    }

    /** The quorum the monitor requires, from the validator count alone: ⌊2n/3⌋+1 (never the code under test). */
    static int quorumOf(int validators) {
        return 2 * validators / 3 + 1;
    }

    /** Adds the leader check of every decided block: its pi verifies for its committer and selects its proposer. */
    void leaderCheck(Predicate<Decision> check) {
        this.leaderValid = check;
    }

    /** Adds the proposer check: an honest prevote needs a validly signed proposal whose pi selects its sender. */
    void proposerCheck(Predicate<Observed.Proposed> check) {
        this.selected = check;
    }

    /** A proposal left some instance (judged when an honest prevote needs it: its parent is decided by then). */
    void onProposed(Observed.Proposed p) {
        if (p.signatureValid()) {
            Set<Observed.Proposed> seen = proposals.computeIfAbsent(new Slot(p.height(), p.round(), p.blockId()),
                    k -> new LinkedHashSet<>());
            if (seen.size() < 16) { // distinct (proposer, pi) pairs: bounded, and a legitimate one is never crowded out by copies
                seen.add(p);
            }
        }
    }

    /**
     * An honest prevote for a block must follow a proposal of that block in that round by the round's
     * VRF-selected proposer (docs/protocol.md, "One height": only that proposal is considered).
     */
    void onHonestPrevote(Observed.Prevoted v) {
        if (selected == null) {
            return;
        }
        Set<Observed.Proposed> seen = proposals.getOrDefault(new Slot(v.height(), v.round(), v.blockId()), Set.of());
        if (seen.stream().noneMatch(selected)) {
            throw new InvariantViolation(Kind.UNSELECTED_PROPOSAL, "validator " + v.validator() + " prevoted "
                    + v.blockId() + " at h=" + v.height() + " r=" + v.round()
                    + " but the round's selected proposer proposed no such block");
        }
    }

    /**
     * @param genesisHash the hash of height 0, the parent of height 1
     * @param genesisTimestampMs the timestamp of height 0; height 1 must be later
     * @param quorum      the number of distinct validators a certificate needs (⌊2n/3⌋+1)
     * @param voteValid   verifies one certificate precommit with the simulation's key registry
     */
    SafetyMonitor(Bytes genesisHash, long genesisTimestampMs, int quorum, Predicate<CertVote> voteValid,
                  SimTopic topic) {
        this.lastTimestampMs = genesisTimestampMs;
        this.quorum = quorum;
        this.voteValid = voteValid;
        this.topic = topic;
        this.canonical.add(genesisHash);
        this.nextOffset = new long[topic.partitionCount()];
    }

    /** The highest height any instance decided. */
    long decidedHeight() {
        return canonical.size() - 1;
    }

    /** The decided block hash at {@code height} (0 = genesis), or null if nobody decided it yet. */
    Bytes canonicalHash(long height) {
        return height >= 0 && height < canonical.size() ? canonical.get((int) height) : null;
    }

    long decisions() {
        return decisions;
    }

    /** The next offset to be sequenced in {@code partition}, by the canonical chain. */
    long nextOffset(int partition) {
        return nextOffset[partition];
    }

    Set<Bytes> sequencedIds() {
        return sequencedIds;
    }

    /** The last height the monitor saw {@code instance} decide or restart at (0: none). */
    long lastHeightOf(int instance) {
        return lastHeightOf.getOrDefault(instance, 0L);
    }

    /** Tells the monitor an instance restarted from storage holding blocks up to {@code height}. */
    void restarted(int instance, long height) {
        if (height > decidedHeight()) {
            throw new InvariantViolation(Kind.HEIGHT_OUT_OF_ORDER,
                    "instance " + instance + " restarted at height " + height + " that nobody decided");
        }
        lastHeightOf.put(instance, height);
    }

    void onSigned(Signed s) {
        SignKey key = new SignKey(s.validator(), s.height(), s.round(), s.step());
        Bytes previous = signatures.putIfAbsent(key, s.value());
        if (previous != null && !previous.equals(s.value())) {
            throw new InvariantViolation(Kind.DOUBLE_SIGN, "validator " + s.validator() + " signed " + previous
                    + " and " + s.value() + " for h=" + s.height() + " r=" + s.round() + " " + s.step());
        }
    }

    void onDecision(Decision d) {
        decisions++;
        checkOrder(d);
        checkCertificate(d);
        if (leaderValid != null && d.leader() != null && !leaderValid.test(d)) {
            throw new InvariantViolation(Kind.BAD_LEADER, "instance " + d.instance() + " height " + d.height()
                    + ": " + d.leader() + " is not what the committer's VRF selects");
        }
        if (d.height() < canonical.size()) {
            Bytes agreed = canonical.get((int) d.height());
            if (!agreed.equals(d.hash())) {
                throw new InvariantViolation(Kind.CONFLICTING_DECISION, "instance " + d.instance() + " decided "
                        + d.hash() + " at height " + d.height() + " where " + agreed + " was decided");
            }
        } else {
            checkParent(d);
            checkRanges(d);
            checkMessages(d);
            canonical.add(d.hash());
            lastTimestampMs = d.timestampMs();
        }
        lastHeightOf.put(d.instance(), d.height());
    }

    private void checkOrder(Decision d) {
        long last = lastHeightOf.getOrDefault(d.instance(), 0L);
        if (d.height() != last + 1) {
            throw new InvariantViolation(Kind.HEIGHT_OUT_OF_ORDER,
                    "instance " + d.instance() + " decided height " + d.height() + " after " + last);
        }
    }

    private void checkParent(Decision d) {
        Bytes parent = canonical.get((int) d.height() - 1);
        if (!parent.equals(d.parentHash())) {
            throw new InvariantViolation(Kind.BAD_PARENT, "height " + d.height() + " names parent "
                    + d.parentHash() + " but height " + (d.height() - 1) + " is " + parent);
        }
        if (d.timestampMs() <= lastTimestampMs) {
            throw new InvariantViolation(Kind.BAD_TIMESTAMP, "height " + d.height() + " has timestamp "
                    + d.timestampMs() + ", not after its parent's " + lastTimestampMs);
        }
    }

    private void checkCertificate(Decision d) {
        Set<Integer> signers = new HashSet<>();
        for (CertVote v : d.certificate()) {
            if (v.height() != d.height() || !v.blockHash().equals(d.hash()) || !voteValid.test(v)) {
                throw new InvariantViolation(Kind.BAD_CERTIFICATE, "instance " + d.instance() + " height "
                        + d.height() + ": precommit of validator " + v.validator() + " is not a valid vote for it");
            }
            signers.add(v.validator());
        }
        if (signers.size() < quorum) {
            throw new InvariantViolation(Kind.BAD_CERTIFICATE, "instance " + d.instance() + " height " + d.height()
                    + ": " + signers.size() + " distinct signers, quorum is " + quorum);
        }
    }

    /** The message must be the topic record at the position it names, inside one of the block's ranges. */
    private void checkSource(Decision d, Sequenced m) {
        SimTopic.Rec rec = topic.get(m.partition(), m.offset());
        boolean inRange = d.ranges().stream().anyMatch(r -> r.partition() == m.partition()
                && r.fromOffset() <= m.offset() && m.offset() < r.toOffset());
        if (rec == null || !inRange || !rec.id().equals(m.id())) {
            throw new InvariantViolation(Kind.UNKNOWN_RECORD, "height " + d.height() + " sequences " + m.id()
                    + " as record " + m.partition() + "@" + m.offset() + ", which is not that record of its ranges");
        }
    }

    private void checkRanges(Decision d) {
        Set<Integer> seen = new HashSet<>();
        for (Range r : d.ranges()) {
            int p = r.partition();
            if (p < 0 || p >= nextOffset.length || !seen.add(p)) {
                throw new InvariantViolation(Kind.UNKNOWN_RECORD, "height " + d.height() + " names partition " + p);
            }
            if (r.fromOffset() != nextOffset[p] || r.toOffset() < r.fromOffset()) {
                throw new InvariantViolation(Kind.NON_CONTIGUOUS_OFFSETS, "height " + d.height() + " partition " + p
                        + " range [" + r.fromOffset() + "," + r.toOffset() + ") but next offset is " + nextOffset[p]);
            }
            if (r.toOffset() > topic.endOffset(p)) {
                throw new InvariantViolation(Kind.UNKNOWN_RECORD, "height " + d.height() + " partition " + p
                        + " reaches offset " + r.toOffset() + " beyond the log end " + topic.endOffset(p));
            }
        }
    }

    /**
     * The block's messages must be exactly the records in its ranges whose ids were not sequenced before,
     * each naming the topic record it came from.
     */
    private void checkMessages(Decision d) {
        LinkedHashSet<Bytes> expected = new LinkedHashSet<>();
        for (Range r : d.ranges()) {
            for (long o = r.fromOffset(); o < r.toOffset(); o++) {
                Bytes id = topic.get(r.partition(), o).id();
                if (!sequencedIds.contains(id)) {
                    expected.add(id);
                }
            }
        }
        if (d.messages() != null) {
            Set<Bytes> actual = new HashSet<>();
            for (Sequenced m : d.messages()) {
                if (sequencedIds.contains(m.id()) || !actual.add(m.id())) {
                    throw new InvariantViolation(Kind.DUPLICATE_MESSAGE, "height " + d.height() + " sequences "
                            + m.id() + " again");
                }
                checkSource(d, m);
            }
            if (!actual.equals(expected)) {
                throw new InvariantViolation(Kind.UNKNOWN_RECORD, "height " + d.height() + " sequences "
                        + actual.size() + " ids, its ranges hold " + expected.size() + " new ones");
            }
        }
        sequencedIds.addAll(expected);
        for (Range r : d.ranges()) {
            nextOffset[r.partition()] = r.toOffset();
        }
    }
}
