package io.diseq.core.crypto;

import java.math.BigInteger;
import java.util.Arrays;

/**
 * Scalars modulo the prime group order q = 2²⁵² + 27742317777372353535851937790883648493 of
 * edwards25519, as 32-byte little-endian strings, and their recodings for scalar multiplication.
 *
 * <p>The arithmetic the prover applies to secrets ({@link #reduce}, {@link #mulAdd},
 * {@link #signedRadix16}) is constant time in the values (docs/protocol.md §4.8). {@link BigInteger}
 * appears only for constants, for the public s ≥ q check and in tests as a reference.
 */
final class Scalar25519 {
    static final BigInteger Q = BigInteger.ONE.shiftLeft(252)
            .add(new BigInteger("27742317777372353535851937790883648493"));
    private static final int[] Q_LIMBS = toLimbs32(Q);

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

    /**
     * A little-endian string of at most 64 bytes reduced mod q, as 32 bytes. Constant time in the value
     * (not the length): binary long division, one shift and one masked conditional subtraction of q
     * per input bit, with no branch or index that depends on the bits.
     */
    static byte[] reduce(byte[] le) {
        if (le.length > 64) {
            throw new IllegalArgumentException("at most 64 bytes");
        }
        int[] r = new int[9]; // 32-bit limbs; r < 2q < 2^254 between steps
        for (int i = 8 * le.length - 1; i >= 0; i--) {
            shiftLeftOneAddBit(r, (le[i >>> 3] >>> (i & 7)) & 1);
            subtractQIfNotBelow(r);
        }
        byte[] out = new byte[32];
        for (int i = 0; i < 32; i++) {
            out[i] = (byte) (r[i >>> 2] >>> (8 * (i & 3)));
        }
        return out;
    }

    /**
     * (a + b·c) mod q for little-endian a, c of 32 bytes and b of up to 32 bytes, as 32 bytes. Constant
     * time: a schoolbook product on 16-bit limbs (no overflow possible in a long), then {@link #reduce}.
     */
    static byte[] mulAdd(byte[] a, byte[] b, byte[] c) {
        if (a.length != 32 || c.length != 32 || b.length > 32) {
            throw new IllegalArgumentException("a and c must be 32 bytes, b at most 32");
        }
        int[] bl = limbs16(b);
        int[] cl = limbs16(c);
        long[] acc = new long[bl.length + cl.length + 1];
        for (int i = 0; i < bl.length; i++) {
            for (int j = 0; j < cl.length; j++) {
                acc[i + j] += (long) bl[i] * cl[j];
            }
        }
        int[] al = limbs16(a);
        for (int i = 0; i < al.length; i++) {
            acc[i] += al[i];
        }
        byte[] wide = new byte[2 * acc.length];
        long carry = 0;
        for (int i = 0; i < acc.length; i++) {
            long v = acc[i] + carry;
            wide[2 * i] = (byte) v;
            wide[2 * i + 1] = (byte) (v >>> 8);
            carry = v >>> 16;
        }
        return reduce(Arrays.copyOf(wide, 64));
    }

    private static void shiftLeftOneAddBit(int[] r, int bit) {
        int carry = bit;
        for (int j = 0; j < r.length; j++) {
            int next = r[j] >>> 31;
            r[j] = (r[j] << 1) | carry;
            carry = next;
        }
    }

    /** r ← r − q if r ≥ q, else r unchanged, selected by a mask from the borrow (no branch). */
    private static void subtractQIfNotBelow(int[] r) {
        int[] t = new int[r.length];
        long borrow = 0;
        for (int j = 0; j < r.length; j++) {
            long d = (r[j] & 0xffffffffL) - (Q_LIMBS[j] & 0xffffffffL) - borrow;
            t[j] = (int) d;
            borrow = (d >>> 63);
        }
        int keep = (int) borrow - 1; // −1 (take t) when no borrow, i.e. r ≥ q
        for (int j = 0; j < r.length; j++) {
            r[j] = (t[j] & keep) | (r[j] & ~keep);
        }
    }

    private static int[] limbs16(byte[] le) {
        int[] l = new int[(le.length + 1) / 2];
        for (int i = 0; i < le.length; i++) {
            l[i >>> 1] |= (le[i] & 0xff) << (8 * (i & 1));
        }
        return l;
    }

    private static int[] toLimbs32(BigInteger v) {
        byte[] le = toLittleEndian(v, 36);
        int[] l = new int[9];
        for (int i = 0; i < 36; i++) {
            l[i >>> 2] |= (le[i] & 0xff) << (8 * (i & 3));
        }
        return l;
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
