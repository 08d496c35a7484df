package io.diseq.core.chain;

import static org.assertj.core.api.Assertions.assertThat;

import io.diseq.core.util.Bytes;
import io.diseq.core.util.Hex;
import java.util.Arrays;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Golden vectors for every sign-bytes kind and the VRF alpha (docs/protocol.md §7.5). The expected hex
 * was produced by an independent RLP encoder (Python, not this code base) from the spec's layout:
 * chain "diseq-test", height 7, round 2, block id 00..1f, pi 80 × 0xaa, parent 32 × 0x11.
 */
@Tag("unit")
class SignBytesTest {
    private static final String CHAIN = "diseq-test";
    private static final Bytes BLOCK_ID = Bytes.wrap(sequence(32));
    private static final Bytes PI = Bytes.wrap(filled(80, 0xaa));
    private static final Bytes PARENT = Bytes.wrap(filled(32, 0x11));

    @Test
    void commitment() {
        assertThat(Hex.encode(SignBytes.commitment(CHAIN, 7, 2, PI))).isEqualTo(
                "64697365712f76312f636f6d6d69746d656e74f85f8a64697365712d746573740702b850" + "aa".repeat(80));
    }

    @Test
    void proposalWithValidRoundEncodesValidRoundPlusOne() {
        assertThat(Hex.encode(SignBytes.proposal(CHAIN, 7, 2, 1, BLOCK_ID, PI))).isEqualTo(
                "64697365712f76312f70726f706f73616cf8818a64697365712d74657374070202a0"
                        + "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f" + "b850" + "aa".repeat(80));
    }

    @Test
    void freshProposalEncodesValidRoundAsZero() {
        assertThat(Hex.encode(SignBytes.proposal(CHAIN, 7, 2, -1, BLOCK_ID, PI))).isEqualTo(
                "64697365712f76312f70726f706f73616cf8818a64697365712d74657374070280a0"
                        + "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f" + "b850" + "aa".repeat(80));
    }

    @Test
    void prevoteForABlockAndForNil() {
        assertThat(Hex.encode(SignBytes.prevote(CHAIN, 7, 2, BLOCK_ID))).isEqualTo(
                "64697365712f76312f707265766f7465ee8a64697365712d746573740702a0"
                        + "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
        assertThat(Hex.encode(SignBytes.prevote(CHAIN, 7, 2, null))).isEqualTo(
                "64697365712f76312f707265766f7465ce8a64697365712d74657374070280");
    }

    @Test
    void precommit() {
        assertThat(Hex.encode(SignBytes.precommit(CHAIN, 7, 2, BLOCK_ID))).isEqualTo(
                "64697365712f76312f707265636f6d6d6974ee8a64697365712d746573740702a0"
                        + "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
    }

    @Test
    void vrfAlpha() {
        assertThat(Hex.encode(SignBytes.vrfAlpha(CHAIN, 7, 2, PARENT))).isEqualTo(
                "64697365712f76312f7672662d616c706861ee8a64697365712d746573740702a0" + "11".repeat(32));
    }

    @Test
    void kindsAndChainsNeverShareBytes() {
        assertThat(SignBytes.prevote(CHAIN, 7, 2, BLOCK_ID)).isNotEqualTo(SignBytes.precommit(CHAIN, 7, 2, BLOCK_ID));
        assertThat(SignBytes.prevote(CHAIN, 7, 2, BLOCK_ID)).isNotEqualTo(SignBytes.prevote("other", 7, 2, BLOCK_ID));
    }

    static byte[] sequence(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) i;
        }
        return b;
    }

    static byte[] filled(int n, int value) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) value);
        return b;
    }
}
