package io.diseq.core.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.diseq.core.crypto.Keccak256;
import io.diseq.core.sim.InvariantViolation.Kind;
import io.diseq.core.sim.Observed.CertVote;
import io.diseq.core.sim.Observed.Decision;
import io.diseq.core.sim.Observed.Range;
import io.diseq.core.sim.Observed.Sequenced;
import io.diseq.core.sim.Observed.Signed;
import io.diseq.core.sim.Observed.Step;
import io.diseq.core.util.Bytes;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The safety checkers flag fabricated bad histories and accept a good one (docs/simulation.md, "Invariants"). */
@Tag("unit")
class SafetyMonitorTest {
    private static final Bytes GENESIS = hash("genesis");
    private SimTopic topic;
    private SafetyMonitor monitor;

    @BeforeEach
    void setUp() {
        topic = new SimTopic(2);
        for (int i = 0; i < 4; i++) {
            topic.append(0, ("a" + i).getBytes(StandardCharsets.UTF_8), i);
            topic.append(1, ("b" + i).getBytes(StandardCharsets.UTF_8), i);
        }
        topic.append(1, "a0".getBytes(StandardCharsets.UTF_8), 5); // a duplicate payload: same id as (0,0)
        monitor = new SafetyMonitor(GENESIS, 0, 3, SafetyMonitorTest::fakeValid, topic);
    }

    @Test
    void aConsistentHistoryPasses() {
        Decision h1 = decision(0, 1, "b1", GENESIS, List.of(new Range(0, 0, 2), new Range(1, 0, 1)),
                ids(0, 0, 0, 1, 1, 0), 0, 1, 2);
        monitor.onDecision(h1);
        monitor.onDecision(withInstance(h1, 1));
        monitor.onDecision(decision(0, 2, "b2", h1.hash(), List.of(new Range(1, 1, 5)),
                ids(1, 1, 1, 2, 1, 3), 1, 2, 3));
        assertThat(monitor.decidedHeight()).isEqualTo(2);
        assertThat(monitor.nextOffset(1)).isEqualTo(5);
        assertThat(monitor.sequencedIds()).hasSize(6);
    }

    @Test
    void aDoubleDecideIsFlagged() {
        monitor.onDecision(decision(0, 1, "x", GENESIS, List.of(), List.of(), 0, 1, 2));
        expect(Kind.CONFLICTING_DECISION, () -> monitor.onDecision(
                decision(1, 1, "y", GENESIS, List.of(), List.of(), 1, 2, 3)));
    }

    @Test
    void certificatesNeedAQuorumOfDistinctValidSignatures() {
        expect(Kind.BAD_CERTIFICATE, () -> monitor.onDecision(decision(0, 1, "x", GENESIS, List.of(), List.of(), 0, 1)));
        expect(Kind.BAD_CERTIFICATE, () -> monitor.onDecision(decision(0, 1, "x", GENESIS, List.of(), List.of(), 0, 1, 1)));
        Decision forged = decision(0, 1, "x", GENESIS, List.of(), List.of(), 0, 1, 2);
        List<CertVote> cert = new ArrayList<>(forged.certificate());
        CertVote v = cert.get(2);
        cert.set(2, new CertVote(v.validator(), v.height(), v.round(), v.blockHash(), hash("forged")));
        expect(Kind.BAD_CERTIFICATE, () -> monitor.onDecision(new Decision(0, 1, forged.hash(), GENESIS, 1000,
                List.of(), List.of(), cert)));
    }

    @Test
    void heightsDecideInOrderWithTheirParent() {
        expect(Kind.HEIGHT_OUT_OF_ORDER, () -> monitor.onDecision(
                decision(0, 2, "x", GENESIS, List.of(), List.of(), 0, 1, 2)));
        expect(Kind.BAD_PARENT, () -> monitor.onDecision(
                decision(1, 1, "x", hash("elsewhere"), List.of(), List.of(), 0, 1, 2)));
    }

    @Test
    void skippedOrInventedOffsetsAreFlagged() {
        expect(Kind.NON_CONTIGUOUS_OFFSETS, () -> monitor.onDecision(
                decision(0, 1, "x", GENESIS, List.of(new Range(0, 1, 2)), null, 0, 1, 2)));
        expect(Kind.UNKNOWN_RECORD, () -> monitor.onDecision(
                decision(1, 1, "x", GENESIS, List.of(new Range(0, 0, 9)), null, 0, 1, 2)));
        expect(Kind.UNKNOWN_RECORD, () -> monitor.onDecision(
                decision(2, 1, "x", GENESIS, List.of(new Range(7, 0, 0)), null, 0, 1, 2)));
        expect(Kind.UNKNOWN_RECORD, () -> monitor.onDecision(decision(3, 1, "x", GENESIS,
                List.of(new Range(0, 0, 1)), List.of(new Sequenced(0, 0, hash("invented"))), 0, 1, 2)));
        Bytes a0 = topic.get(0, 0).id();
        expect(Kind.UNKNOWN_RECORD, () -> monitor.onDecision(decision(3, 1, "x", GENESIS,
                List.of(new Range(0, 0, 1)), List.of(new Sequenced(1, 2, a0)), 0, 1, 2)));
    }

    @Test
    void timestampsIncreaseWithHeight() {
        Decision h1 = decision(0, 1, "x", GENESIS, List.of(), List.of(), 0, 1, 2);
        monitor.onDecision(h1);
        Decision h2 = decision(0, 2, "y", h1.hash(), List.of(), List.of(), 0, 1, 2);
        expect(Kind.BAD_TIMESTAMP, () -> monitor.onDecision(new Decision(0, 2, h2.hash(), h1.hash(), 1000,
                List.of(), List.of(), h2.certificate())));
    }

    @Test
    void aMessageIdSequencedTwiceIsFlagged() {
        monitor.onDecision(decision(0, 1, "x", GENESIS, List.of(new Range(0, 0, 1)), ids(0, 0), 0, 1, 2));
        Decision again = decision(0, 2, "y", hash("x"), List.of(new Range(1, 0, 5)),
                ids(1, 0, 1, 1, 1, 2, 1, 3, 1, 4), 0, 1, 2);
        expect(Kind.DUPLICATE_MESSAGE, () -> monitor.onDecision(again));
    }

    @Test
    void anHonestValidatorSigningTwoValuesIsFlagged() {
        monitor.onSigned(new Signed(1, 1, 0, Step.PREVOTE, hash("a")));
        assertThatCode(() -> monitor.onSigned(new Signed(1, 1, 0, Step.PREVOTE, hash("a")))).doesNotThrowAnyException();
        assertThatCode(() -> monitor.onSigned(new Signed(1, 1, 0, Step.PRECOMMIT, Bytes.EMPTY))).doesNotThrowAnyException();
        assertThatCode(() -> monitor.onSigned(new Signed(1, 1, 1, Step.PREVOTE, hash("b")))).doesNotThrowAnyException();
        expect(Kind.DOUBLE_SIGN, () -> monitor.onSigned(new Signed(1, 1, 0, Step.PREVOTE, Bytes.EMPTY)));
    }

    @Test
    void aRestartCannotClaimAHeightNobodyDecided() {
        expect(Kind.HEIGHT_OUT_OF_ORDER, () -> monitor.restarted(0, 3));
    }

    private static void expect(Kind kind, ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOfSatisfying(InvariantViolation.class,
                v -> assertThat(v.kind()).isEqualTo(kind));
    }

    private List<Sequenced> ids(long... partitionOffsetPairs) {
        List<Sequenced> out = new ArrayList<>();
        for (int i = 0; i < partitionOffsetPairs.length; i += 2) {
            int p = (int) partitionOffsetPairs[i];
            long o = partitionOffsetPairs[i + 1];
            out.add(new Sequenced(p, o, topic.get(p, o).id()));
        }
        return out;
    }

    private static Decision decision(int instance, long height, String name, Bytes parent, List<Range> ranges,
                                     List<Sequenced> ids, int... signers) {
        Bytes h = hash(name);
        List<CertVote> cert = new ArrayList<>();
        for (int s : signers) {
            cert.add(new CertVote(s, height, 0, h, fakeSig(s, height, h)));
        }
        return new Decision(instance, height, h, parent, height * 1000, ranges, ids, cert);
    }

    private static Decision withInstance(Decision d, int instance) {
        return new Decision(instance, d.height(), d.hash(), d.parentHash(), d.timestampMs(), d.ranges(), d.messages(),
                d.certificate());
    }

    private static boolean fakeValid(CertVote v) {
        return v.signature().equals(fakeSig(v.validator(), v.height(), v.blockHash()));
    }

    private static Bytes fakeSig(int validator, long height, Bytes block) {
        return hash(validator + "/" + height + "/" + block);
    }

    private static Bytes hash(String s) {
        return Bytes.wrap(Keccak256.hash(s.getBytes(StandardCharsets.UTF_8)));
    }
}
