package io.diseq.core.crypto;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Optional;

/**
 * ECVRF-EDWARDS25519-SHA512-TAI, RFC 9381 suite 0x03 (docs/protocol.md §4): a verifiable random
 * function over edwards25519 with try-and-increment hashing to the curve. The VRF key is an RFC 8032
 * seed, separate from the validator's signing seed. Verification is the full RFC 9381 §5.3 procedure
 * with {@code validate_key = TRUE}, plus rejection of a small-order Gamma.
 *
 * <p>The prover's secret-dependent work (x·H, k·B, k·H, k mod q, k + c·x mod q) is constant time in
 * the Java source; SHA-512 of the seed is the JDK's; docs/protocol.md §4.8 lists the caveats.
 */
public final class Ecvrf {
    public static final int PROOF_LENGTH = 80;   // Gamma(32) ‖ c(16) ‖ s(32)
    public static final int OUTPUT_LENGTH = 64;  // beta
    public static final int SEED_LENGTH = 32;
    public static final int PUBLIC_KEY_LENGTH = 32;

    private static final byte SUITE = 0x03;
    private static final byte ENCODE_TO_CURVE_FRONT = 0x01;
    private static final byte CHALLENGE_FRONT = 0x02;
    private static final byte PROOF_TO_HASH_FRONT = 0x03;
    private static final byte BACK = 0x00;
    private static final int C_LENGTH = 16;
    private static final int MAX_TRIES = 256; // ctr is one octet

    private Ecvrf() {}

    /** The RFC 8032 public key of the seed (x·B, encoded). */
    public static byte[] publicKey(byte[] seed32) {
        return Ed25519.publicKey(seed32);
    }

    /** RFC 9381 ECVRF_prove: the 80-byte proof pi for input alpha under the secret seed. */
    public static byte[] prove(byte[] seed32, byte[] alpha) {
        return trace(seed32, alpha).pi();
    }

    /**
     * RFC 9381 ECVRF_verify with validate_key: beta iff pi is a valid proof for alpha under the public
     * key. Never throws: any malformed or invalid input (including nulls) yields empty.
     */
    public static Optional<byte[]> verify(byte[] publicKey, byte[] pi, byte[] alpha) {
        if (publicKey == null || pi == null || alpha == null) {
            return Optional.empty();
        }
        EdPoint y = EdPoint.decode(publicKey);
        if (y == null || y.hasSmallOrderVar()) {
            return Optional.empty();
        }
        Proof proof = Proof.decode(pi);
        if (proof == null) {
            return Optional.empty();
        }
        HashToCurve h = encodeToCurve(publicKey, alpha);
        if (h == null) {
            return Optional.empty();
        }
        byte[] u = EdMul.mulBaseAddVar(proof.s, proof.c, y.negate()).encode();
        byte[] v = EdMul.mulAddVar(proof.s, h.point, proof.c, proof.gamma.negate()).encode();
        byte[] expected = challenge(publicKey, h.encoded, proof.gammaEncoded, u, v);
        if (!MessageDigest.isEqual(expected, proof.c)) {
            return Optional.empty();
        }
        return Optional.of(hashGamma(proof.gamma));
    }

    /**
     * RFC 9381 ECVRF_proof_to_hash: beta of a proof, without verifying it. Only a verified proof's
     * beta means anything; consensus code must call {@link #verify}.
     *
     * @throws IllegalArgumentException if pi is not 80 bytes, Gamma is not a valid point or has small
     *     order, or s ≥ q
     */
    public static byte[] proofToHash(byte[] pi) {
        Proof proof = Proof.decode(pi);
        if (proof == null) {
            throw new IllegalArgumentException("malformed ECVRF proof");
        }
        return hashGamma(proof.gamma);
    }

    /** Every intermediate value of one ECVRF_prove run (RFC 9381 §5.1), for tests and diagnostics. */
    record Trace(int ctr, byte[] h, byte[] kString, byte[] k, byte[] u, byte[] v, byte[] gamma,
                 byte[] c, byte[] s, byte[] pi, byte[] beta) {}

    /** RFC 9381 §5.1 ECVRF_prove, returning every intermediate. */
    static Trace trace(byte[] seed32, byte[] alpha) {
        Ed25519.requireLength(seed32, SEED_LENGTH, "ECVRF seed");
        if (alpha == null) {
            throw new IllegalArgumentException("alpha must not be null");
        }
        byte[] digest = sha512(seed32);
        byte[] x = Arrays.copyOf(digest, 32);
        x[0] &= (byte) 0xf8; // RFC 8032 §5.1.5 clamping
        x[31] &= 0x7f;
        x[31] |= 0x40;
        byte[] pk = publicKey(seed32);
        HashToCurve h = encodeToCurve(pk, alpha);
        if (h == null) {
            throw new IllegalStateException("encode_to_curve found no point in 256 tries");
        }
        EdPoint gammaPoint = EdMul.mulConstantTime(x, h.point);
        byte[] gamma = gammaPoint.encode();
        byte[] kString = sha512(Arrays.copyOfRange(digest, 32, 64), h.encoded);
        byte[] k = Scalar25519.reduce(kString);
        byte[] u = EdMul.mulConstantTime(k, EdPoint.BASE).encode();
        byte[] v = EdMul.mulConstantTime(k, h.point).encode();
        byte[] c = challenge(pk, h.encoded, gamma, u, v);
        byte[] s = Scalar25519.mulAdd(k, c, x);
        byte[] pi = concat(gamma, c, s);
        Arrays.fill(digest, (byte) 0);
        Arrays.fill(x, (byte) 0);
        return new Trace(h.ctr, h.encoded, kString, k, u, v, gamma, c, s, pi, hashGamma(gammaPoint));
    }

    /** An encoded point H in the prime-order subgroup and the counter that produced it. */
    private record HashToCurve(EdPoint point, byte[] encoded, int ctr) {}

    /**
     * RFC 9381 §5.4.1.1 try-and-increment with encode_to_curve_salt = PK_string: the first ctr for which
     * SHA-512(0x03 ‖ 0x01 ‖ PK ‖ alpha ‖ ctr ‖ 0x00)[0..31] decodes to a point P with 8·P ≠ identity;
     * H = 8·P. Null if none of the 256 counters works (probability about 2⁻²⁵⁶).
     */
    private static HashToCurve encodeToCurve(byte[] pk, byte[] alpha) {
        for (int ctr = 0; ctr < MAX_TRIES; ctr++) {
            byte[] hash = sha512(new byte[] {SUITE, ENCODE_TO_CURVE_FRONT}, pk, alpha,
                    new byte[] {(byte) ctr, BACK});
            EdPoint candidate = EdPoint.decode(Arrays.copyOf(hash, 32));
            if (candidate != null) {
                EdPoint h = candidate.timesCofactor();
                if (!h.isIdentityVar()) {
                    return new HashToCurve(h, h.encode(), ctr);
                }
            }
        }
        return null;
    }

    /** RFC 9381 §5.4.3: the first 16 bytes of SHA-512(0x03 ‖ 0x02 ‖ PK ‖ H ‖ Gamma ‖ U ‖ V ‖ 0x00). */
    private static byte[] challenge(byte[] pk, byte[] h, byte[] gamma, byte[] u, byte[] v) {
        byte[] hash = sha512(new byte[] {SUITE, CHALLENGE_FRONT}, pk, h, gamma, u, v, new byte[] {BACK});
        return Arrays.copyOf(hash, C_LENGTH);
    }

    /** RFC 9381 §5.2: beta = SHA-512(0x03 ‖ 0x03 ‖ point_to_string(8·Gamma) ‖ 0x00). */
    private static byte[] hashGamma(EdPoint gamma) {
        return sha512(new byte[] {SUITE, PROOF_TO_HASH_FRONT}, gamma.timesCofactor().encode(),
                new byte[] {BACK});
    }

    /** RFC 9381 §5.4.4 ECVRF_decode_proof, plus rejection of a small-order Gamma. */
    private record Proof(EdPoint gamma, byte[] gammaEncoded, byte[] c, byte[] s) {
        static Proof decode(byte[] pi) {
            if (pi == null || pi.length != PROOF_LENGTH) {
                return null;
            }
            byte[] gammaEncoded = Arrays.copyOf(pi, 32);
            EdPoint gamma = EdPoint.decode(gammaEncoded);
            if (gamma == null || gamma.hasSmallOrderVar() || !Scalar25519.isCanonical(pi, 48)) {
                return null;
            }
            return new Proof(gamma, gammaEncoded, Arrays.copyOfRange(pi, 32, 48),
                    Arrays.copyOfRange(pi, 48, 80));
        }
    }

    private static byte[] sha512(byte[]... parts) {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-512");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-512 is a mandatory JDK algorithm", e);
        }
        for (byte[] p : parts) {
            md.update(p);
        }
        return md.digest();
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int off = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, off, p.length);
            off += p.length;
        }
        return out;
    }
}
