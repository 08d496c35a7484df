package io.diseq.core.chain;

import static org.assertj.core.api.Assertions.assertThat;

import io.diseq.core.consensus.TestChains;
import io.diseq.core.crypto.Keccak256;
import io.diseq.core.util.Bytes;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Committer rotation and VRF proposer selection with the real ECVRF (docs/protocol.md §7.6): every
 * validator, the last included (the seed's `% (n−1)` never chose it), is selected with frequency 1/n.
 */
@Tag("unit")
class LeaderSelectionTest {
    private static final int HEIGHTS = 700;

    private record Node(StandardConsensusCrypto crypto, Validator validator) {}

    private static List<Node> nodes(int n) {
        List<Node> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            byte[] s = Keccak256.hash(new byte[] {1, (byte) i});
            byte[] v = Keccak256.hash(new byte[] {2, (byte) i});
            StandardConsensusCrypto c = new StandardConsensusCrypto(s, v);
            out.add(new Node(c, new Validator("v" + i, c.signingKey(), c.vrfKey(), "")));
        }
        return out;
    }

    /** Pearson's chi-square statistic of the proposer counts over {@link #HEIGHTS} heights. */
    private static double chiSquare(int n, int[] counts) {
        List<Node> nodes = nodes(n);
        ValidatorSet vs = new ValidatorSet(nodes.stream().map(Node::validator).toList());
        ChainConfig config = new ChainConfig("vrf-test", vs, 0, TestChains.TIMEOUTS, 1, 1, 0, 0);
        for (long h = 1; h <= HEIGHTS; h++) {
            Bytes parent = Bytes.wrap(Keccak256.hash(Bytes.wrap(new byte[] {(byte) h, (byte) (h >> 8)}).toArray()));
            int committer = vs.committerIndex(h, 0);
            Bytes pi = Bytes.wrap(nodes.get(committer).crypto().vrfProve(SignBytes.vrfAlpha("vrf-test", h, 0, parent)));
            int proposer = Leaders.proposer(config, StandardConsensusCrypto.verifier(), h, 0, parent, pi);
            assertThat(proposer).isBetween(0, n - 1);
            counts[proposer]++;
        }
        double expected = (double) HEIGHTS / n, chi = 0;
        for (int c : counts) {
            chi += (c - expected) * (c - expected) / expected;
        }
        return chi;
    }

    @Test
    void fourValidatorsAreSelectedUniformly() {
        int[] counts = new int[4];
        assertThat(chiSquare(4, counts)).as("chi-square, df=3, p=0.001 critical 16.27").isLessThan(16.27);
        assertThat(counts[3]).isPositive();
    }

    @Test
    void sevenValidatorsAreSelectedUniformly() {
        int[] counts = new int[7];
        assertThat(chiSquare(7, counts)).as("chi-square, df=6, p=0.001 critical 22.46").isLessThan(22.46);
        assertThat(counts[6]).isPositive();
    }

    @Test
    void aProofFromAnotherKeyOrForAnotherSlotSelectsNobody() {
        List<Node> nodes = nodes(4);
        ValidatorSet vs = new ValidatorSet(nodes.stream().map(Node::validator).toList());
        ChainConfig config = new ChainConfig("vrf-test", vs, 0, TestChains.TIMEOUTS, 1, 1, 0, 0);
        Bytes parent = Bytes.wrap(new byte[32]);
        Bytes wrongKey = Bytes.wrap(nodes.get(0).crypto().vrfProve(SignBytes.vrfAlpha("vrf-test", 1, 0, parent)));
        assertThat(Leaders.proposer(config, StandardConsensusCrypto.verifier(), 1, 0, parent, wrongKey)).isEqualTo(-1);
        Bytes right = Bytes.wrap(nodes.get(1).crypto().vrfProve(SignBytes.vrfAlpha("vrf-test", 1, 0, parent)));
        assertThat(Leaders.proposer(config, StandardConsensusCrypto.verifier(), 1, 0, parent, right)).isNotNegative();
        assertThat(Leaders.proposer(config, StandardConsensusCrypto.verifier(), 1, 1, parent, right)).isEqualTo(-1);
    }

    @Test
    void productionSignaturesVerify() {
        StandardConsensusCrypto c = nodes(1).get(0).crypto();
        byte[] msg = SignBytes.prevote("x", 1, 0, null);
        assertThat(c.verify(c.signingKey(), msg, Bytes.wrap(c.sign(msg)))).isTrue();
        assertThat(c.verify(c.signingKey(), SignBytes.prevote("y", 1, 0, null), Bytes.wrap(c.sign(msg)))).isFalse();
        assertThat(c.vrfVerify(c.vrfKey(), Bytes.wrap(new byte[3]), msg)).isEmpty();
    }
}
