package io.diseq.node.consensus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.diseq.core.chain.BlockHeader;
import io.diseq.core.chain.PartitionRange;
import io.diseq.core.consensus.SignStep;
import io.diseq.core.consensus.SignerState;
import io.diseq.core.rlp.Rlp;
import io.diseq.core.util.Bytes;
import io.diseq.core.util.Hex;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class SignerStateCodecTest {
    static BlockHeader header(int round) {
        return new BlockHeader("c", 5, round, fill(1, 32), 1000, 2, 1, fill(0xaa, 80),
                List.of(new PartitionRange(0, 3, 9)), 4, fill(2, 32), fill(3, 32), fill(4, 32));
    }

    static Bytes fill(int b, int n) {
        byte[] a = new byte[n];
        Arrays.fill(a, (byte) b);
        return Bytes.wrap(a);
    }

    @Test
    void roundTripsInitialAndLockedStates() {
        SignerState locked = new SignerState(5, 2, SignStep.PRECOMMIT, fill(7, 32), fill(8, 64), header(1).id(),
                1, header(1), 2, header(2));
        SignerState unlocked = new SignerState(5, 0, SignStep.COMMITMENT, fill(7, 32), fill(8, 64), fill(0xaa, 80),
                -1, null, -1, null);
        for (SignerState s : List.of(SignerState.INITIAL, locked, unlocked)) {
            assertThat(SignerStateCodec.decode(SignerStateCodec.encode(s))).isEqualTo(s);
        }
    }

    @Test
    void initialStateHasAPinnedEncoding() {
        // [1, 0, 0 (round -1), 0 (COMMITMENT), "", "", "", 0, [], 0, []]
        assertThat(Hex.encode(SignerStateCodec.encode(SignerState.INITIAL))).isEqualTo("cb0180808080808080c080c0");
    }

    @Test
    void rejectsAnythingElse() {
        byte[] good = SignerStateCodec.encode(SignerState.INITIAL);
        byte[] otherVersion = good.clone();
        otherVersion[1] = 2;
        byte[] badStep = good.clone();
        badStep[4] = 9;
        byte[] lockWithoutBlock = Rlp.encodeList(Rlp.encodeLong(1), Rlp.encodeLong(0), Rlp.encodeLong(0),
                Rlp.encodeLong(0), Rlp.encodeBytes(new byte[0]), Rlp.encodeBytes(new byte[0]),
                Rlp.encodeBytes(new byte[0]), Rlp.encodeLong(2), Rlp.encodeList(), Rlp.encodeLong(0), Rlp.encodeList());
        for (byte[] bad : List.of(otherVersion, badStep, lockWithoutBlock, Arrays.copyOf(good, good.length - 1),
                new byte[] {(byte) 0xc0}, new byte[0])) {
            assertThatThrownBy(() -> SignerStateCodec.decode(bad)).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
