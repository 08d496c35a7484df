package io.diseq.core.crypto;

import java.security.SecureRandom;
import java.util.Arrays;

/**
 * Ed25519 signatures (RFC 8032, pure Ed25519, no context) over Bouncy Castle's implementation.
 * docs/protocol.md §Signatures. Keys are 32-byte seeds and 32-byte encoded points; signatures are
 * 64 bytes R ‖ S. The caller supplies the randomness for key generation (the core owns none).
 */
public final class Ed25519 {
    public static final int SEED_LENGTH = 32;
    public static final int PUBLIC_KEY_LENGTH = 32;
    public static final int SIGNATURE_LENGTH = 64;

    private Ed25519() {}

    /** A new 32-byte secret seed drawn from the given source. */
    public static byte[] generateSeed(SecureRandom random) {
        byte[] seed = new byte[SEED_LENGTH];
        org.bouncycastle.math.ec.rfc8032.Ed25519.generatePrivateKey(random, seed);
        return seed;
    }

    public static byte[] publicKey(byte[] seed) {
        requireLength(seed, SEED_LENGTH, "seed");
        byte[] pk = new byte[PUBLIC_KEY_LENGTH];
        org.bouncycastle.math.ec.rfc8032.Ed25519.generatePublicKey(seed, 0, pk, 0);
        return pk;
    }

    public static byte[] sign(byte[] seed, byte[] message) {
        requireLength(seed, SEED_LENGTH, "seed");
        byte[] sig = new byte[SIGNATURE_LENGTH];
        org.bouncycastle.math.ec.rfc8032.Ed25519.sign(seed, 0, message, 0, message.length, sig, 0);
        return sig;
    }

    /** Verifies a signature; any malformed input (wrong lengths, invalid point, S ≥ L) yields false. */
    public static boolean verify(byte[] publicKey, byte[] message, byte[] signature) {
        if (publicKey == null || signature == null || message == null
                || publicKey.length != PUBLIC_KEY_LENGTH || signature.length != SIGNATURE_LENGTH) {
            return false;
        }
        try {
            return org.bouncycastle.math.ec.rfc8032.Ed25519.verify(
                    signature, 0, publicKey, 0, message, 0, message.length);
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** A signing key pair: the secret seed and its public key. {@link #toString()} never prints the seed. */
    public record KeyPair(byte[] seed, byte[] publicKey) {
        public KeyPair {
            requireLength(seed, SEED_LENGTH, "seed");
            requireLength(publicKey, PUBLIC_KEY_LENGTH, "public key");
            seed = seed.clone();
            publicKey = publicKey.clone();
        }

        public static KeyPair fromSeed(byte[] seed) {
            return new KeyPair(seed, Ed25519.publicKey(seed));
        }

        public static KeyPair generate(SecureRandom random) {
            return fromSeed(generateSeed(random));
        }

        @Override
        public byte[] seed() {
            return seed.clone();
        }

        @Override
        public byte[] publicKey() {
            return publicKey.clone();
        }

        public byte[] sign(byte[] message) {
            return Ed25519.sign(seed, message);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof KeyPair k && Arrays.equals(seed, k.seed) && Arrays.equals(publicKey, k.publicKey);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(publicKey);
        }

        @Override
        public String toString() {
            return "Ed25519.KeyPair[publicKey=" + io.diseq.core.util.Hex.encode(publicKey) + "]";
        }
    }

    static void requireLength(byte[] bytes, int length, String what) {
        if (bytes == null || bytes.length != length) {
            throw new IllegalArgumentException(what + " must be " + length + " bytes");
        }
    }
}
