package io.diseq.core.crypto;

/**
 * Scalar multiplication on edwards25519 (docs/protocol.md §4.6 uses it; §4.8 states what is constant time).
 *
 * <ul>
 *   <li>{@link #mulConstantTime}: for secret scalars (the ECVRF prover's x and k). Fixed window of
 *       signed radix-16 digits: always 252 doublings and 64 additions, each addend chosen from an
 *       8-entry table by reading every entry and keeping one with a mask, negated by a masked swap.
 *       No branch and no array index depends on the scalar.</li>
 *   <li>{@link #mulAddVar}: for public scalars only (the verifier's s and c). Straus' simultaneous
 *       multiplication over width-w NAF digits, w = 8 for the fixed base point (64 precomputed odd
 *       multiples) and w = 5 for other points (8 odd multiples computed per call).</li>
 * </ul>
 */
final class EdMul {
    private static final int BASE_WINDOW = 8;
    private static final int POINT_WINDOW = 5;
    private static final OddMultiples BASE_TABLE = OddMultiples.of(EdPoint.BASE, BASE_WINDOW);

    private EdMul() {}

    /** k·P for a secret 32-byte little-endian k < 2²⁵⁵, in constant time. */
    static EdPoint mulConstantTime(byte[] k, EdPoint p) {
        int[] digits = Scalar25519.signedRadix16(k);
        EdCached[] table = new EdCached[8]; // table[j] = (j + 1)·P
        EdPoint multiple = p.copy();
        table[0] = multiple.toCached();
        for (int j = 1; j < 8; j++) {
            multiple.addInPlace(table[0]);
            table[j] = multiple.toCached();
        }
        EdPoint acc = EdPoint.identity();
        for (int i = 63; i >= 0; i--) {
            acc.doubleInPlace();
            acc.doubleInPlace();
            acc.doubleInPlace();
            acc.doubleInPlace();
            acc.addInPlace(select(table, digits[i]));
        }
        return acc;
    }

    /** digit·P for digit in [−8, 8], reading all of {@code table}; identity for 0. */
    private static EdCached select(EdCached[] table, int digit) {
        int sign = digit >> 31;                 // −1 if negative, else 0
        int abs = (digit ^ sign) - sign;
        EdCached r = EdCached.identity();
        for (int j = 0; j < table.length; j++) {
            int mask = ((abs ^ (j + 1)) - 1) >> 31; // −1 iff abs == j + 1
            r.conditionalMove(mask, table[j]);
        }
        r.conditionalNegate(-sign);
        return r;
    }

    /** a·B + b·Q for public little-endian scalars a, b (any length up to 32 bytes). Variable time. */
    static EdPoint mulBaseAddVar(byte[] a, byte[] b, EdPoint q) {
        return straus(Scalar25519.wnaf(a, BASE_WINDOW), BASE_TABLE,
                Scalar25519.wnaf(b, POINT_WINDOW), OddMultiples.of(q, POINT_WINDOW));
    }

    /** a·P + b·Q for public little-endian scalars a, b (any length up to 32 bytes). Variable time. */
    static EdPoint mulAddVar(byte[] a, EdPoint p, byte[] b, EdPoint q) {
        return straus(Scalar25519.wnaf(a, POINT_WINDOW), OddMultiples.of(p, POINT_WINDOW),
                Scalar25519.wnaf(b, POINT_WINDOW), OddMultiples.of(q, POINT_WINDOW));
    }

    private static EdPoint straus(int[] da, OddMultiples ta, int[] db, OddMultiples tb) {
        int top = Math.max(da.length, db.length) - 1;
        while (top >= 0 && digit(da, top) == 0 && digit(db, top) == 0) {
            top--;
        }
        EdPoint acc = EdPoint.identity();
        for (int i = top; i >= 0; i--) {
            acc.doubleInPlace();
            ta.addTo(acc, digit(da, i));
            tb.addTo(acc, digit(db, i));
        }
        return acc;
    }

    private static int digit(int[] d, int i) {
        return i < d.length ? d[i] : 0;
    }

    /** P, 3P, 5P, …, (2^(w−1) − 1)·P and their negations, for w-NAF digits. */
    private record OddMultiples(EdCached[] positive, EdCached[] negative) {
        static OddMultiples of(EdPoint p, int w) {
            int n = 1 << (w - 2);
            EdCached[] pos = new EdCached[n];
            EdCached[] neg = new EdCached[n];
            EdPoint twice = p.copy();
            twice.doubleInPlace();
            EdCached twiceCached = twice.toCached();
            EdPoint m = p.copy();
            for (int j = 0; j < n; j++) {
                if (j > 0) {
                    m.addInPlace(twiceCached);
                }
                pos[j] = m.toCached();
                neg[j] = pos[j].negateVar();
            }
            return new OddMultiples(pos, neg);
        }

        void addTo(EdPoint acc, int digit) {
            if (digit > 0) {
                acc.addInPlace(positive[digit >> 1]);
            } else if (digit < 0) {
                acc.addInPlace(negative[(-digit) >> 1]);
            }
        }
    }
}
