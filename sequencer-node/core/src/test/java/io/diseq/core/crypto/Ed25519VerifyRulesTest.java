package io.diseq.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import io.diseq.core.util.Hex;
import java.math.BigInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Pins the Ed25519 verification rules docs/protocol.md §3.1 states (non-canonical S, small-order keys). */
@Tag("unit")
class Ed25519VerifyRulesTest {
    private static final byte[] SEED = Hex.decode(ValidatorKeysTest.SIGNING_SEED);
    private static final byte[] PK = Ed25519.publicKey(SEED);
    private static final byte[] MSG = "diseq".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private static byte[] withS(byte[] sig, BigInteger s) {
        byte[] out = sig.clone();
        System.arraycopy(Scalar25519.toLittleEndian(s, 32), 0, out, 32, 32);
        return out;
    }

    @Test
    void nonCanonicalSIsRejected() {
        byte[] sig = Ed25519.sign(SEED, MSG);
        assertThat(Ed25519.verify(PK, MSG, sig)).isTrue();
        BigInteger s = Scalar25519.fromLittleEndian(sig, 32, 32);
        assertThat(Ed25519.verify(PK, MSG, withS(sig, s.add(Scalar25519.Q)))).isFalse();
        assertThat(Ed25519.verify(PK, MSG, withS(sig, BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE))))
                .isFalse();
    }

    @Test
    void nonCanonicalROfTheSamePointIsRejected() {
        byte[] sig = Ed25519.sign(SEED, MSG);
        byte[] flipped = sig.clone();
        flipped[31] ^= (byte) 0x80; // −R: a valid point, but not the R that verifies
        assertThat(Ed25519.verify(PK, MSG, flipped)).isFalse();
        byte[] rAboveP = sig.clone();
        System.arraycopy(EcvrfRejectionTest.nonCanonicalEncodingOfAValidPoint(), 0, rAboveP, 0, 32);
        assertThat(Ed25519.verify(PK, MSG, rAboveP)).isFalse();
    }

    /**
     * With a small-order key T, R = B and S = 1 satisfy the cofactorless equation whenever k·T is the
     * identity (for at least one message in eight); a verifier that accepted such keys would accept it.
     */
    @ParameterizedTest
    @MethodSource("io.diseq.core.crypto.EcvrfRejectionTest#smallOrderPoints")
    void smallOrderPublicKeysAreRejected(String encoding) {
        byte[] sig = new byte[64];
        System.arraycopy(EdPoint.BASE_ENCODED, 0, sig, 0, 32);
        sig[32] = 1;
        for (int m = 0; m < 64; m++) {
            assertThat(Ed25519.verify(Hex.decode(encoding), new byte[] {(byte) m}, sig)).isFalse();
        }
    }

    @Test
    void theForgeryEquationReallyHoldsForTheIdentityKey() {
        // Control for the test above: with A = identity, [S]B − [k]A = B = R for every k, so the
        // cofactorless equation alone would accept (R = B, S = 1) for any message; only the key check
        // rejects it.
        EdPoint identity = EdPoint.decode(Hex.decode(EcvrfRejectionTest.SMALL_ORDER_POINTS.get(0)));
        for (int k = 1; k < 10; k++) {
            byte[] kBytes = {(byte) k};
            assertThat(EdMul.mulBaseAddVar(new byte[] {1}, kBytes, identity.negate()).encode())
                    .isEqualTo(EdPoint.BASE_ENCODED);
        }
    }
}
