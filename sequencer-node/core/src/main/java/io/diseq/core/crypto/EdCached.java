package io.diseq.core.crypto;

import org.bouncycastle.math.ec.rfc7748.X25519Field;

/**
 * An edwards25519 point prepared as the second operand of {@link EdPoint#addInPlace}:
 * (Y + X, Y − X, 2Z, 2d·T). Negation swaps the first two and negates the last, which
 * {@link #conditionalNegate} does without branching.
 */
final class EdCached {
    final int[] yPlusX = X25519Field.create();
    final int[] yMinusX = X25519Field.create();
    final int[] z2 = X25519Field.create();
    final int[] t2d = X25519Field.create();

    private EdCached() {}

    static EdCached of(EdPoint p) {
        EdCached c = new EdCached();
        X25519Field.apm(p.y, p.x, c.yPlusX, c.yMinusX);
        X25519Field.carry(c.yPlusX);
        X25519Field.carry(c.yMinusX);
        X25519Field.add(p.z, p.z, c.z2);
        X25519Field.carry(c.z2);
        X25519Field.mul(p.t, EdPoint.D2, c.t2d);
        return c;
    }

    /** The identity in cached form: (1, 1, 2, 0). */
    static EdCached identity() {
        return of(EdPoint.identity());
    }

    EdCached negateVar() {
        EdCached c = new EdCached();
        X25519Field.copy(yMinusX, 0, c.yPlusX, 0);
        X25519Field.copy(yPlusX, 0, c.yMinusX, 0);
        X25519Field.copy(z2, 0, c.z2, 0);
        X25519Field.negate(t2d, c.t2d);
        return c;
    }

    /** Overwrites this with {@code o} when {@code mask} is −1; leaves it when 0. Constant time. */
    void conditionalMove(int mask, EdCached o) {
        X25519Field.cmov(mask, o.yPlusX, 0, yPlusX, 0);
        X25519Field.cmov(mask, o.yMinusX, 0, yMinusX, 0);
        X25519Field.cmov(mask, o.z2, 0, z2, 0);
        X25519Field.cmov(mask, o.t2d, 0, t2d, 0);
    }

    /** Negates this point in place when {@code bit} is 1; leaves it when 0. Constant time. */
    void conditionalNegate(int bit) {
        X25519Field.cswap(bit, yPlusX, yMinusX);
        X25519Field.cnegate(bit, t2d);
    }
}
