package io.diseq.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The constant-time scalar reduction and multiply-add against BigInteger as the reference. */
@Tag("unit")
class Scalar25519Test {
    private static final BigInteger Q = Scalar25519.Q;
    private final SplittableRandom random = new SplittableRandom(252);

    private static BigInteger le(byte[] b) {
        return Scalar25519.fromLittleEndian(b, 0, b.length);
    }

    private byte[] bytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    @Test
    void reduceMatchesBigInteger() {
        for (int i = 0; i < 300; i++) {
            byte[] in = bytes(random.nextInt(0, 65));
            assertThat(le(Scalar25519.reduce(in))).isEqualTo(le(in).mod(Q));
        }
        byte[] max = new byte[64];
        Arrays.fill(max, (byte) 0xff);
        assertThat(le(Scalar25519.reduce(max))).isEqualTo(le(max).mod(Q));
        for (BigInteger edge : new BigInteger[] {Q, Q.subtract(BigInteger.ONE), Q.add(BigInteger.ONE),
                Q.shiftLeft(1), Q.multiply(Q), BigInteger.ZERO}) {
            byte[] in = Scalar25519.toLittleEndian(edge, 64);
            assertThat(le(Scalar25519.reduce(in))).isEqualTo(edge.mod(Q));
        }
    }

    @Test
    void mulAddMatchesBigInteger() {
        for (int i = 0; i < 300; i++) {
            byte[] a = bytes(32);
            byte[] b = bytes(random.nextBoolean() ? 16 : 32);
            byte[] c = bytes(32);
            BigInteger expected = le(a).add(le(b).multiply(le(c))).mod(Q);
            assertThat(le(Scalar25519.mulAdd(a, b, c))).isEqualTo(expected);
        }
        byte[] max = new byte[32];
        Arrays.fill(max, (byte) 0xff);
        BigInteger m = le(max);
        assertThat(le(Scalar25519.mulAdd(max, max, max))).isEqualTo(m.add(m.multiply(m)).mod(Q));
    }

    @Test
    void canonicalityIsStrictlyBelowQ() {
        assertThat(Scalar25519.isCanonical(Scalar25519.toLittleEndian(Q.subtract(BigInteger.ONE), 32), 0)).isTrue();
        assertThat(Scalar25519.isCanonical(Scalar25519.toLittleEndian(Q, 32), 0)).isFalse();
    }
}
