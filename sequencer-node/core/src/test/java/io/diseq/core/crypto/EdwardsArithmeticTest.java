package io.diseq.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The edwards25519 group law, codec and both scalar multiplications against each other and BC's Ed25519. */
@Tag("unit")
class EdwardsArithmeticTest {
    private final SplittableRandom random = new SplittableRandom(25519);

    @Test
    void basePointRoundTripsAndHasOrderQ() {
        assertThat(EdPoint.BASE.encode()).isEqualTo(EdPoint.BASE_ENCODED);
        byte[] q = Scalar25519.toLittleEndian(Scalar25519.Q, 32);
        assertThat(EdMul.mulConstantTime(q, EdPoint.BASE).isIdentityVar()).isTrue();
        assertThat(EdMul.mulBaseAddVar(q, new byte[0], EdPoint.BASE).isIdentityVar()).isTrue();
        assertThat(EdPoint.BASE.hasSmallOrderVar()).isFalse();
    }

    @Test
    void constantTimeAndVariableTimeMultiplicationAgree() {
        for (int i = 0; i < 30; i++) {
            byte[] a = scalar();
            byte[] b = scalar();
            EdPoint p = EdMul.mulConstantTime(scalar(), EdPoint.BASE);
            byte[] viaCt = add(EdMul.mulConstantTime(a, EdPoint.BASE), EdMul.mulConstantTime(b, p)).encode();
            assertThat(EdMul.mulBaseAddVar(a, b, p).encode()).isEqualTo(viaCt);
            assertThat(EdMul.mulAddVar(a, EdPoint.BASE, b, p).encode()).isEqualTo(viaCt);
        }
    }

    @Test
    void baseMultiplicationMatchesBouncyCastleEd25519PublicKeys() {
        for (int i = 0; i < 10; i++) {
            byte[] seed = new byte[32];
            random.nextBytes(seed);
            byte[] h = sha512(seed);
            byte[] x = java.util.Arrays.copyOf(h, 32);
            x[0] &= (byte) 0xf8;
            x[31] &= 0x7f;
            x[31] |= 0x40;
            assertThat(EdMul.mulConstantTime(x, EdPoint.BASE).encode()).isEqualTo(Ed25519.publicKey(seed));
        }
    }

    @Test
    void smallMultiplesMatchRepeatedAddition() {
        EdPoint acc = EdPoint.identity();
        EdCached base = EdPoint.BASE.toCached();
        for (int k = 0; k < 40; k++) {
            byte[] scalar = Scalar25519.toLittleEndian(BigInteger.valueOf(k), 32);
            assertThat(EdMul.mulConstantTime(scalar, EdPoint.BASE).encode()).isEqualTo(acc.encode());
            assertThat(EdMul.mulBaseAddVar(scalar, new byte[] {0}, EdPoint.BASE).encode()).isEqualTo(acc.encode());
            acc.addInPlace(base);
        }
        EdPoint doubled = EdPoint.BASE.copy();
        doubled.doubleInPlace();
        EdPoint added = EdPoint.BASE.copy();
        added.addInPlace(base);
        assertThat(doubled.encode()).isEqualTo(added.encode());
    }

    @Test
    void recodingsReconstructTheScalar() {
        for (int i = 0; i < 200; i++) {
            byte[] k = scalar();
            BigInteger expected = Scalar25519.fromLittleEndian(k, 0, 32);
            int[] e = Scalar25519.signedRadix16(k);
            BigInteger sum = BigInteger.ZERO;
            for (int j = 63; j >= 0; j--) {
                assertThat(e[j]).isBetween(-8, 8);
                sum = sum.shiftLeft(4).add(BigInteger.valueOf(e[j]));
            }
            assertThat(sum).isEqualTo(expected);
            for (int w : new int[] {5, 8}) {
                int[] d = Scalar25519.wnaf(k, w);
                BigInteger s = BigInteger.ZERO;
                for (int j = d.length - 1; j >= 0; j--) {
                    assertThat(d[j] == 0 || (d[j] & 1) == 1).isTrue();
                    assertThat(Math.abs(d[j])).isLessThan(1 << (w - 1));
                    s = s.shiftLeft(1).add(BigInteger.valueOf(d[j]));
                }
                assertThat(s).isEqualTo(expected);
            }
        }
        byte[] allOnes = new byte[32];
        java.util.Arrays.fill(allOnes, (byte) 0xff);
        int[] d = Scalar25519.wnaf(allOnes, 5);
        BigInteger s = BigInteger.ZERO;
        for (int j = d.length - 1; j >= 0; j--) {
            s = s.shiftLeft(1).add(BigInteger.valueOf(d[j]));
        }
        assertThat(s).isEqualTo(BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE));
    }

    @Test
    void negationIsTheAdditiveInverse() {
        EdPoint p = EdMul.mulConstantTime(scalar(), EdPoint.BASE);
        EdPoint sum = p.copy();
        sum.addInPlace(p.negate().toCached());
        assertThat(sum.isIdentityVar()).isTrue();
        EdPoint sum2 = p.copy();
        sum2.addInPlace(p.toCached().negateVar());
        assertThat(sum2.isIdentityVar()).isTrue();
    }

    private static EdPoint add(EdPoint a, EdPoint b) {
        EdPoint r = a.copy();
        r.addInPlace(b.toCached());
        return r;
    }

    /** A random scalar below 2^255 (the constant-time multiplication's domain). */
    private byte[] scalar() {
        byte[] k = new byte[32];
        random.nextBytes(k);
        k[31] &= 0x7f;
        return k;
    }

    private static byte[] sha512(byte[] in) {
        try {
            return java.security.MessageDigest.getInstance("SHA-512").digest(in);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
