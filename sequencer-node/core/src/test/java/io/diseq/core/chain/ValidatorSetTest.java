package io.diseq.core.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.diseq.core.consensus.TestChains;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** n, f, quorum and committer/proposer arithmetic (docs/protocol.md §7.1, §7.6). */
@Tag("unit")
class ValidatorSetTest {

    @Test
    void faultsAndQuorum() {
        int[][] expected = {{1, 0, 1}, {2, 0, 2}, {3, 0, 3}, {4, 1, 3}, {5, 1, 4}, {6, 1, 5}, {7, 2, 5}, {10, 3, 7}};
        for (int[] e : expected) {
            ValidatorSet vs = TestChains.validators(e[0]);
            assertThat(vs.maxFaulty()).as("f for n=%d", e[0]).isEqualTo(e[1]);
            assertThat(vs.quorum()).as("quorum for n=%d", e[0]).isEqualTo(e[2]);
            assertThat(2 * vs.quorum() - vs.size()).as("two quorums share an honest validator").isGreaterThan(vs.maxFaulty());
        }
    }

    @Test
    void committerRotatesOverEveryValidatorIncludingTheLast() {
        ValidatorSet vs = TestChains.validators(4);
        assertThat(vs.committerIndex(1, 0)).isEqualTo(1);
        assertThat(vs.committerIndex(1, 2)).isEqualTo(3);
        assertThat(vs.committerIndex(3, 0)).isEqualTo(3);
        assertThat(vs.committerIndex(3, 1)).isZero();
    }

    @Test
    void proposerIsBetaUnsignedBigEndianModN() {
        ValidatorSet vs = TestChains.validators(7);
        byte[] beta = new byte[64];
        beta[0] = (byte) 0x80; // 2^511: as a signed number it would be negative
        assertThat(vs.proposerIndex(beta)).isEqualTo(new java.math.BigInteger(1, beta).mod(java.math.BigInteger.valueOf(7)).intValue());
        beta = new byte[64];
        beta[63] = 13;
        assertThat(vs.proposerIndex(beta)).isEqualTo(6);
    }

    @Test
    void duplicateKeysAreRefusedAndTheHashIgnoresUrls() {
        List<Validator> vs = new ArrayList<>(TestChains.validators(3).validators());
        vs.add(vs.get(0));
        assertThatThrownBy(() -> new ValidatorSet(vs)).isInstanceOf(IllegalArgumentException.class);
        List<Validator> moved = new ArrayList<>();
        for (Validator v : TestChains.validators(3).validators()) {
            moved.add(new Validator(v.id(), v.signingKey(), v.vrfKey(), "http://elsewhere"));
        }
        assertThat(new ValidatorSet(moved).hash()).isEqualTo(TestChains.validators(3).hash());
    }
}
