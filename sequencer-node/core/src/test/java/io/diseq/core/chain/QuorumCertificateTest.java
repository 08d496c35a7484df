package io.diseq.core.chain;

import static org.assertj.core.api.Assertions.assertThat;

import io.diseq.core.consensus.FastTestCrypto;
import io.diseq.core.consensus.TestChains;
import io.diseq.core.util.Bytes;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Certificate verification (docs/protocol.md §7.10): a quorum of distinct, valid precommits for the block. */
@Tag("unit")
class QuorumCertificateTest {
    private static final ValidatorSet VS = TestChains.validators(4);
    private static final Bytes BLOCK = Bytes.wrap(SignBytesTest.sequence(32));

    private static CommitSignature sig(int v, Bytes block) {
        return new CommitSignature(v, Bytes.wrap(FastTestCrypto.forValidator(v)
                .sign(SignBytes.precommit(TestChains.CHAIN_ID, 5, 1, block))));
    }

    private static Verdict verify(List<CommitSignature> sigs) {
        return new QuorumCertificate(5, 1, BLOCK, sigs).verify(TestChains.CHAIN_ID, VS, FastTestCrypto.VERIFIER, 5, BLOCK);
    }

    private static RejectCode code(Verdict v) {
        return ((Verdict.Reject) v).code();
    }

    @Test
    void acceptsAQuorumOfDistinctValidSignatures() {
        assertThat(verify(List.of(sig(0, BLOCK), sig(2, BLOCK), sig(3, BLOCK)))).isEqualTo(Verdict.ACCEPT);
        assertThat(verify(List.of(sig(0, BLOCK), sig(1, BLOCK), sig(2, BLOCK), sig(3, BLOCK)))).isEqualTo(Verdict.ACCEPT);
    }

    @Test
    void rejectsTooFewDuplicatesUnknownAndBadSignatures() {
        assertThat(code(verify(List.of(sig(0, BLOCK), sig(2, BLOCK))))).isEqualTo(RejectCode.BAD_CERTIFICATE);
        assertThat(verify(List.of(sig(0, BLOCK), sig(2, BLOCK), sig(2, BLOCK))).accepted()).isFalse();
        assertThat(verify(List.of(sig(2, BLOCK), sig(0, BLOCK), sig(3, BLOCK))).accepted()).isFalse();
        List<CommitSignature> unknown = new ArrayList<>(List.of(sig(0, BLOCK), sig(2, BLOCK)));
        unknown.add(new CommitSignature(4, sig(3, BLOCK).signature()));
        assertThat(verify(unknown).accepted()).isFalse();
        Bytes other = Bytes.wrap(new byte[32]);
        assertThat(verify(List.of(sig(0, BLOCK), sig(2, other), sig(3, BLOCK))).accepted()).isFalse();
    }

    @Test
    void rejectsACertificateForAnotherBlockOrHeight() {
        QuorumCertificate qc = new QuorumCertificate(5, 1, BLOCK, List.of(sig(0, BLOCK), sig(2, BLOCK), sig(3, BLOCK)));
        assertThat(qc.verify(TestChains.CHAIN_ID, VS, FastTestCrypto.VERIFIER, 6, BLOCK).accepted()).isFalse();
        assertThat(qc.verify(TestChains.CHAIN_ID, VS, FastTestCrypto.VERIFIER, 5, Bytes.wrap(new byte[32])).accepted()).isFalse();
        assertThat(qc.verify("other", VS, FastTestCrypto.VERIFIER, 5, BLOCK).accepted()).isFalse();
    }

    @Test
    void encodingRoundTrips() {
        QuorumCertificate qc = new QuorumCertificate(5, 1, BLOCK, List.of(sig(0, BLOCK), sig(2, BLOCK), sig(3, BLOCK)));
        assertThat(QuorumCertificate.decode(qc.encode())).isEqualTo(qc);
    }
}
