package io.diseq.core.consensus;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The double-sign guard (docs/protocol.md §7.14), including across a restart from persisted state. */
@Tag("unit")
class SignerTest {
    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void refusesADifferentValueAtTheSameSlotAndRepeatsTheSameOne() {
        Signer signer = new Signer(FastTestCrypto.forValidator(0), SignerState.INITIAL);
        var first = (Signer.Outcome.Signed) signer.sign(3, 1, SignStep.PREVOTE, b("a"), io.diseq.core.util.Bytes.EMPTY);
        assertThat(first.fresh()).isTrue();
        var again = (Signer.Outcome.Signed) signer.sign(3, 1, SignStep.PREVOTE, b("a"), io.diseq.core.util.Bytes.EMPTY);
        assertThat(again.signature()).isEqualTo(first.signature());
        assertThat(again.fresh()).isFalse();
        assertThat(signer.sign(3, 1, SignStep.PREVOTE, b("b"), io.diseq.core.util.Bytes.EMPTY)).isInstanceOf(Signer.Outcome.Refused.class);
    }

    @Test
    void refusesEarlierSlotsAndSignsLaterOnes() {
        Signer signer = new Signer(FastTestCrypto.forValidator(0), SignerState.INITIAL);
        signer.sign(3, 1, SignStep.PRECOMMIT, b("a"), io.diseq.core.util.Bytes.EMPTY);
        assertThat(signer.sign(3, 1, SignStep.PREVOTE, b("a"), io.diseq.core.util.Bytes.EMPTY)).isInstanceOf(Signer.Outcome.Refused.class);
        assertThat(signer.sign(3, 0, SignStep.PRECOMMIT, b("a"), io.diseq.core.util.Bytes.EMPTY)).isInstanceOf(Signer.Outcome.Refused.class);
        assertThat(signer.sign(2, 9, SignStep.PRECOMMIT, b("a"), io.diseq.core.util.Bytes.EMPTY)).isInstanceOf(Signer.Outcome.Refused.class);
        assertThat(signer.sign(3, 2, SignStep.COMMITMENT, b("c"), io.diseq.core.util.Bytes.EMPTY)).isInstanceOf(Signer.Outcome.Signed.class);
        assertThat(signer.sign(4, 0, SignStep.PREVOTE, b("d"), io.diseq.core.util.Bytes.EMPTY)).isInstanceOf(Signer.Outcome.Signed.class);
    }

    @Test
    void aRestartedSignerHonoursThePersistedState() {
        Signer before = new Signer(FastTestCrypto.forValidator(0), SignerState.INITIAL);
        before.sign(5, 2, SignStep.PREVOTE, b("x"), io.diseq.core.util.Bytes.EMPTY);
        SignerState persisted = before.state();
        Signer after = new Signer(FastTestCrypto.forValidator(0), persisted);
        assertThat(after.sign(5, 2, SignStep.PREVOTE, b("y"), io.diseq.core.util.Bytes.EMPTY)).isInstanceOf(Signer.Outcome.Refused.class);
        assertThat(after.sign(5, 2, SignStep.PREVOTE, b("x"), io.diseq.core.util.Bytes.EMPTY)).isInstanceOf(Signer.Outcome.Signed.class);
    }

    @Test
    void theLockTravelsWithTheStateAndResetsAtANewHeight() {
        Signer signer = new Signer(FastTestCrypto.forValidator(0), SignerState.INITIAL);
        signer.sign(5, 0, SignStep.PRECOMMIT, b("x"), io.diseq.core.util.Bytes.EMPTY);
        var header = io.diseq.core.chain.BlockHeaderTest.sampleHeader();
        signer.recordLock(5, 0, header, 0, header, java.util.List.of());
        assertThat(signer.state().lockedBlock()).isEqualTo(header);
        assertThat(signer.state().step()).isEqualTo(SignStep.PRECOMMIT);
        signer.sign(6, 0, SignStep.PREVOTE, b("y"), io.diseq.core.util.Bytes.EMPTY);
        assertThat(signer.state().lockedRound()).isEqualTo(-1);
        assertThat(signer.state().lockedBlock()).isNull();
    }
}
