package io.diseq.core.crypto;

import java.math.BigInteger;
import org.bouncycastle.math.ec.rfc7748.X25519Field;

/**
 * A point of edwards25519 (−x² + y² = 1 + d·x²·y² over GF(2²⁵⁵ − 19)) in extended twisted-Edwards
 * coordinates (X:Y:Z:T) with x = X/Z, y = Y/Z, x·y = T/Z. docs/protocol.md §4 (ECVRF) relies on it.
 *
 * <p>Field elements are Bouncy Castle's public {@link X25519Field} representation (ten signed 25/26-bit
 * limbs). Its {@code mul}/{@code sqr} accept inputs that are a product or the sum/difference of two
 * products; anything built from more terms is {@code carry}-ed first. The group law is the complete
 * add-2008-hwcd-3 / dbl-2008-hwcd formulas for a = −1 (Hisil, Wong, Carter, Dawson 2008): no special
 * cases, so the same instruction sequence runs for every input, including the identity and P + P.
 *
 * <p>Points are mutable only inside this package's arithmetic; callers treat them as values.
 */
final class EdPoint {
    /** p = 2²⁵⁵ − 19. */
    static final BigInteger P = BigInteger.ONE.shiftLeft(255).subtract(BigInteger.valueOf(19));
    /** d = −121665/121666 mod p. */
    static final int[] D = fieldConstant(BigInteger.valueOf(-121665)
            .multiply(BigInteger.valueOf(121666).modInverse(P)).mod(P));
    static final int[] D2 = fieldConstant(new BigInteger(1, toBigEndian(D)).shiftLeft(1).mod(P));
    /** The RFC 8032 base point B, encoded (y = 4/5, x even). */
    static final byte[] BASE_ENCODED = io.diseq.core.util.Hex.decode(
            "5866666666666666666666666666666666666666666666666666666666666666");
    /** B itself; shared and read-only: every operation that takes it copies before mutating. */
    static final EdPoint BASE = decode(BASE_ENCODED);

    final int[] x = X25519Field.create();
    final int[] y = X25519Field.create();
    final int[] z = X25519Field.create();
    final int[] t = X25519Field.create();

    EdPoint() {}

    /** The neutral element (0, 1). */
    static EdPoint identity() {
        EdPoint p = new EdPoint();
        X25519Field.one(p.y);
        X25519Field.one(p.z);
        return p;
    }

    EdPoint copy() {
        EdPoint p = new EdPoint();
        p.set(this);
        return p;
    }

    void set(EdPoint o) {
        X25519Field.copy(o.x, 0, x, 0);
        X25519Field.copy(o.y, 0, y, 0);
        X25519Field.copy(o.z, 0, z, 0);
        X25519Field.copy(o.t, 0, t, 0);
    }

    /** −P = (−X : Y : Z : −T). */
    EdPoint negate() {
        EdPoint r = copy();
        X25519Field.negate(r.x, r.x);
        X25519Field.negate(r.t, r.t);
        X25519Field.carry(r.x);
        X25519Field.carry(r.t);
        return r;
    }

    /**
     * RFC 8032 §5.1.3 decoding: rejects (returns null) a string of the wrong length, y ≥ p (non-canonical),
     * y for which no x exists, and x = 0 with the sign bit set. Variable time: only ever applied to
     * public strings (keys, proofs, hash outputs).
     */
    static EdPoint decode(byte[] s) {
        if (s == null || s.length != 32 || !isCanonicalY(s)) {
            return null;
        }
        int sign = (s[31] >>> 7) & 1;
        EdPoint p = new EdPoint();
        X25519Field.decode(s, 0, p.y); // ignores bit 255, the sign of x
        int[] u = X25519Field.create();
        int[] v = X25519Field.create();
        X25519Field.sqr(p.y, u);
        X25519Field.mul(u, D, v);
        X25519Field.subOne(u); // u = y² − 1
        X25519Field.addOne(v); // v = d·y² + 1
        X25519Field.carry(u);
        X25519Field.carry(v);
        if (!X25519Field.sqrtRatioVar(u, v, p.x)) {
            return null;
        }
        X25519Field.normalize(p.x);
        if (X25519Field.isZeroVar(p.x) && sign == 1) {
            return null;
        }
        if ((p.x[0] & 1) != sign) {
            X25519Field.negate(p.x, p.x);
            X25519Field.carry(p.x);
        }
        X25519Field.one(p.z);
        X25519Field.mul(p.x, p.y, p.t);
        return p;
    }

    /** y (the low 255 bits, little-endian) is below p = 2²⁵⁵ − 19, i.e. not one of p … 2²⁵⁵ − 1. */
    private static boolean isCanonicalY(byte[] s) {
        if ((s[31] & 0x7f) != 0x7f) {
            return true;
        }
        for (int i = 30; i >= 1; i--) {
            if (s[i] != (byte) 0xff) {
                return true;
            }
        }
        return (s[0] & 0xff) < 0xed;
    }

    /** RFC 8032 §5.1.2 encoding: y little-endian with the low bit of x in bit 255. Constant time. */
    byte[] encode() {
        int[] zInv = X25519Field.create();
        int[] ax = X25519Field.create();
        int[] ay = X25519Field.create();
        X25519Field.inv(z, zInv);
        X25519Field.mul(x, zInv, ax);
        X25519Field.mul(y, zInv, ay);
        X25519Field.normalize(ax);
        X25519Field.normalize(ay);
        byte[] out = new byte[32];
        X25519Field.encode(ay, out, 0);
        out[31] |= (byte) ((ax[0] & 1) << 7);
        return out;
    }

    /** This point doubled, in place: dbl-2008-hwcd with a = −1. */
    void doubleInPlace() {
        int[] a = X25519Field.create();
        int[] b = X25519Field.create();
        int[] c = X25519Field.create();
        int[] e = X25519Field.create();
        int[] f = X25519Field.create();
        int[] g = X25519Field.create();
        int[] h = X25519Field.create();
        X25519Field.sqr(x, a);
        X25519Field.sqr(y, b);
        X25519Field.sqr(z, c);
        X25519Field.add(c, c, c);
        X25519Field.add(x, y, e);
        X25519Field.sqr(e, e);
        X25519Field.sub(e, a, e);
        X25519Field.sub(e, b, e);          // E = (X+Y)² − A − B = 2XY
        X25519Field.carry(e);
        X25519Field.sub(b, a, g);          // G = −A + B
        X25519Field.sub(g, c, f);          // F = G − C
        X25519Field.carry(f);
        X25519Field.add(a, b, h);
        X25519Field.negate(h, h);          // H = −A − B
        X25519Field.mul(e, f, x);
        X25519Field.mul(g, h, y);
        X25519Field.mul(e, h, t);
        X25519Field.mul(f, g, z);
    }

    /** This point plus q, in place: add-2008-hwcd-3 with k = 2d. Complete: valid for q = this or identity. */
    void addInPlace(EdCached q) {
        int[] a = X25519Field.create();
        int[] b = X25519Field.create();
        int[] c = X25519Field.create();
        int[] dd = X25519Field.create();
        X25519Field.apm(y, x, b, a);       // b = Y1 + X1, a = Y1 − X1
        X25519Field.mul(a, q.yMinusX, a);
        X25519Field.mul(b, q.yPlusX, b);
        X25519Field.mul(t, q.t2d, c);
        X25519Field.mul(z, q.z2, dd);
        int[] e = X25519Field.create();
        int[] f = X25519Field.create();
        int[] g = X25519Field.create();
        int[] h = X25519Field.create();
        X25519Field.apm(b, a, h, e);       // H = B + A, E = B − A
        X25519Field.apm(dd, c, g, f);      // G = D + C, F = D − C
        X25519Field.mul(e, f, x);
        X25519Field.mul(g, h, y);
        X25519Field.mul(e, h, t);
        X25519Field.mul(f, g, z);
    }

    EdCached toCached() {
        return EdCached.of(this);
    }

    /** 8·P, the cofactor multiple. */
    EdPoint timesCofactor() {
        EdPoint r = copy();
        r.doubleInPlace();
        r.doubleInPlace();
        r.doubleInPlace();
        return r;
    }

    /** The neutral element: X = 0 and Y = Z. Variable time (public points only). */
    boolean isIdentityVar() {
        int[] nx = X25519Field.create();
        int[] dy = X25519Field.create();
        X25519Field.copy(x, 0, nx, 0);
        X25519Field.sub(y, z, dy);
        X25519Field.carry(nx);
        X25519Field.carry(dy);
        X25519Field.normalize(nx);
        X25519Field.normalize(dy);
        return X25519Field.isZeroVar(nx) && X25519Field.isZeroVar(dy);
    }

    /** P is in the small-order torsion subgroup: 8·P is the identity (orders 1, 2, 4, 8). */
    boolean hasSmallOrderVar() {
        return timesCofactor().isIdentityVar();
    }

    private static int[] fieldConstant(BigInteger v) {
        int[] r = X25519Field.create();
        X25519Field.decode(toLittleEndian(v), 0, r);
        return r;
    }

    private static byte[] toBigEndian(int[] fe) {
        int[] c = X25519Field.create();
        X25519Field.copy(fe, 0, c, 0);
        X25519Field.normalize(c);
        byte[] le = new byte[32];
        X25519Field.encode(c, le, 0);
        byte[] be = new byte[32];
        for (int i = 0; i < 32; i++) {
            be[i] = le[31 - i];
        }
        return be;
    }

    private static byte[] toLittleEndian(BigInteger v) {
        byte[] be = v.toByteArray();
        byte[] le = new byte[32];
        for (int i = 0; i < be.length && i < 32; i++) {
            le[i] = be[be.length - 1 - i];
        }
        return le;
    }
}
