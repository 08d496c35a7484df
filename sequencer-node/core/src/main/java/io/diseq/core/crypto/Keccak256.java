package io.diseq.core.crypto;

import org.bouncycastle.crypto.digests.KeccakDigest;

/**
 * Keccak-256 as used by Ethereum (original Keccak padding 0x01), not FIPS-202 SHA3-256 (padding 0x06).
 * docs/protocol.md §Hashing. Message ids, block ids and trie node hashes all use this function.
 */
public final class Keccak256 {
    public static final int LENGTH = 32;

    private Keccak256() {}

    public static byte[] hash(byte[] data) {
        return hash(data, 0, data.length);
    }

    public static byte[] hash(byte[] data, int offset, int length) {
        return new Hasher().hash(data, offset, length);
    }

    /**
     * One reusable digest for a caller that hashes many inputs in a row on one thread (a trie
     * commit, a proof verification), saving the digest's state allocation per hash. Bouncy Castle
     * resets the digest at the end of every {@code doFinal}, so each call starts from a fresh
     * state. Not thread-safe: the owner must not share it.
     */
    public static final class Hasher {
        private final KeccakDigest digest = new KeccakDigest(256);

        public byte[] hash(byte[] data) {
            return hash(data, 0, data.length);
        }

        public byte[] hash(byte[] data, int offset, int length) {
            digest.update(data, offset, length);
            byte[] out = new byte[LENGTH];
            digest.doFinal(out, 0);
            return out;
        }
    }
}
