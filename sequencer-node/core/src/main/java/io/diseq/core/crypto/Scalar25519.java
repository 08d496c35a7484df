package io.diseq.core.crypto;

import java.math.BigInteger;

/**
 * Scalars modulo the prime group order q = 2²⁵² + 27742317777372353535851937790883648493 of
 * edwards25519, as 32-byte little-endian strings, and their recodings for scalar multiplication.
 *
 * <p>The modular arithmetic uses {@link BigInteger} and is therefore <b>not</b> constant time
 * (docs/protocol.md §4.6 says so). The signed radix-16 recoding used for secret scalars is.
 */
final class Scalar25519 {
    static final BigInteger Q = BigInteger.ONE.shiftLeft(252)
            .add(new BigInteger("27742317777372353535851937790883648493"));

    private Scalar25519() {}

    /** The unsigned little-endian integer of {@code len} bytes at {@code off}. */
    static BigInteger fromLittleEndian(byte[] b, int off, int len) {
        byte[] be = new byte[len];
        for (int i = 0; i < len; i++) {
            be[i] = b[off + len - 1 - i];
        }
        return new BigInteger(1, be);
    }

    /** {@code v} (0 ≤ v < 2^(8·len)) as {@code len} little-endian bytes. */
    static byte[] toLittleEndian(BigInteger v, int len) {
        if (v.signum() < 0 || v.bitLength() > 8 * len) {
            throw new IllegalArgumentException("value does not fit in " + len + " bytes");
        }
        byte[] be = v.toByteArray();
        byte[] le = new byte[len];
        for (int i = 0; i < len && i < be.length; i++) {
            le[i] = be[be.length - 1 - i];
        }
        return le;
    }

    /** A little-endian string of any length reduced mod q, as 32 bytes. */
    static byte[] reduce(byte[] le) {
        return toLittleEndian(fromLittleEndian(le, 0, le.length).mod(Q), 32);
    }

    /** (a + b·c) mod q for little-endian strings of any length, as 32 bytes. */
    static byte[] mulAdd(byte[] a, byte[] b, byte[] c) {
        BigInteger r = fromLittleEndian(b, 0, b.length).multiply(fromLittleEndian(c, 0, c.length))
                .add(fromLittleEndian(a, 0, a.length)).mod(Q);
        return toLittleEndian(r, 32);
    }

    /** The 32 bytes at {@code off} encode an integer below q (RFC 9381 rejects s ≥ q). */
    static boolean isCanonical(byte[] b, int off) {
        return fromLittleEndian(b, off, 32).compareTo(Q) < 0;
    }

    /**
     * Signed radix-16 digits e[0..63] in [−8, 8] with k = Σ e[i]·16^i, for k < 2²⁵⁵ (top bit clear).
     * Constant time: the carries are computed arithmetically, never by branching on the digits.
     */
    static int[] signedRadix16(byte[] k) {
        if (k.length != 32 || (k[31] & 0x80) != 0) {
            throw new IllegalArgumentException("scalar must be 32 bytes below 2^255");
        }
        int[] e = new int[64];
        for (int i = 0; i < 32; i++) {
            e[2 * i] = k[i] & 15;
            e[2 * i + 1] = (k[i] >>> 4) & 15;
        }
        int carry = 0;
        for (int i = 0; i < 63; i++) {
            e[i] += carry;
            carry = (e[i] + 8) >> 4;
            e[i] -= carry << 4;
        }
        e[63] += carry;
        return e;
    }

    /**
     * Width-{@code w} non-adjacent form of a public scalar (little-endian, any length): digits are 0 or
     * odd in [−(2^(w−1) − 1), 2^(w−1) − 1], any w consecutive digits hold at most one non-zero, and
     * k = Σ d[i]·2^i. Variable time.
     */
    static int[] wnaf(byte[] k, int w) {
        int bits = 8 * k.length;
        int[] d = new int[bits + w + 1]; // room for the final carry
        int half = 1 << (w - 1);
        int carry = 0;
        int i = 0;
        while (i < d.length) {
            if (bit(k, i) == carry) {
                i++; // bit + carry is 0 or 2: digit 0, carry unchanged
                continue;
            }
            int v = window(k, i, w) + carry; // odd
            if (v >= half) {
                d[i] = v - (1 << w);
                carry = 1;
            } else {
                d[i] = v;
                carry = 0;
            }
            i += w;
        }
        return d;
    }

    private static int bit(byte[] k, int i) {
        return i >= 8 * k.length ? 0 : (k[i >>> 3] >>> (i & 7)) & 1;
    }

    private static int window(byte[] k, int i, int w) {
        int v = 0;
        for (int j = w - 1; j >= 0; j--) {
            v = (v << 1) | bit(k, i + j);
        }
        return v;
    }
}
