package io.diseq.core.trie;

import io.diseq.core.crypto.Keccak256;
import io.diseq.core.rlp.Rlp;

/**
 * An in-memory trie node (docs/protocol.md §6.2). A node is never modified once {@linkplain
 * #sealed() sealed}: an update builds new nodes along the key's path, so the RLP encoding and hash
 * can be cached on the node and an unchanged subtree is never re-encoded or re-hashed. Until then a
 * node created by the current batch is transient and updated in place (see {@link BranchNode}).
 * (A sealed class rather than records because of those caches.) {@code persisted} marks nodes
 * already in the store, or embedded in a stored parent; commit skips them and everything below them.
 */
abstract sealed class Node permits LeafNode, ExtensionNode, BranchNode, HashNode {
    /** Child references shorter than this are embedded in the parent instead of hashed. */
    static final int EMBED_LIMIT = 32;

    private byte[] encoding;
    private byte[] hash;
    boolean persisted;

    /** The node's RLP encoding, computed once. */
    byte[] encoding() {
        if (encoding == null) {
            encoding = encode();
        }
        return encoding;
    }

    /**
     * True once the node may be depended on: it is stored, or its encoding or hash has been computed
     * (a parent's encoding then contains it). A node that is not sealed belongs to the current batch
     * alone and may be updated in place.
     */
    final boolean sealed() {
        return persisted || encoding != null || hash != null;
    }

    /** keccak256 of the encoding, computed once. */
    byte[] hash() {
        if (hash == null) {
            hash = Keccak256.hash(encoding());
        }
        return hash;
    }

    /** Computes the hash with the caller's reusable digest unless it is known already (commit's hot path). */
    final void hashWith(Keccak256.Hasher hasher) {
        if (hash == null) {
            hash = hasher.hash(encoding());
        }
    }

    /** Writes the 32-byte hash at {@code pos}. */
    void writeHash(byte[] out, int pos) {
        System.arraycopy(hash(), 0, out, pos, Keccak256.LENGTH);
    }

    /** For nodes decoded from the store: both caches are known, nothing needs recomputing. */
    final void markLoaded(byte[] storedEncoding, byte[] storedHash) {
        this.encoding = storedEncoding;
        this.hash = storedHash;
        this.persisted = true;
    }

    abstract byte[] encode();

    /** True if a parent embeds this node's RLP instead of its hash. */
    boolean embedded() {
        return encoding().length < EMBED_LIMIT;
    }

    /** Length of the reference to {@code child} inside a parent's RLP; null is the empty string. */
    static int refLength(Node child) {
        if (child == null) {
            return 1;
        }
        return child.embedded() ? child.encoding().length : 1 + Keccak256.LENGTH;
    }

    /** Writes the reference to {@code child} at {@code pos}; returns the position after it. */
    static int writeRef(Node child, byte[] out, int pos) {
        if (child == null) {
            out[pos] = (byte) 0x80;
            return pos + 1;
        }
        if (child.embedded()) {
            byte[] enc = child.encoding();
            System.arraycopy(enc, 0, out, pos, enc.length);
            return pos + enc.length;
        }
        out[pos] = (byte) (0x80 + Keccak256.LENGTH);
        child.writeHash(out, pos + 1);
        return pos + 1 + Keccak256.LENGTH;
    }

    /**
     * A two-item node (leaf or extension) with everything but its second item written:
     * [HP(path, leaf), second], where the caller writes the {@code secondLength} bytes of the
     * already-RLP second item (a leaf's value as a string, an extension's child reference) at the
     * end of the returned array. One allocation per node.
     */
    static byte[] pairWithoutSecond(byte[] path, boolean leaf, int secondLength) {
        int hpLength = path.length / 2 + 1;
        // a one-byte hex-prefix has a flag below 4 in its high nibble, so it is below 0x80: RLP writes it bare
        int hpItem = hpLength == 1 ? 1 : Rlp.headerLength(hpLength) + hpLength;
        int payload = hpItem + secondLength;
        byte[] out = new byte[Rlp.headerLength(payload) + payload];
        int pos = Rlp.writeHeader(out, 0, 0xc0, payload);
        if (hpLength > 1) {
            pos = Rlp.writeHeader(out, pos, 0x80, hpLength);
        }
        HexPrefix.write(path, leaf, out, pos);
        return out;
    }
}
