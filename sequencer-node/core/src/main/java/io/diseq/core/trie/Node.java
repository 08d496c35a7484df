package io.diseq.core.trie;

import io.diseq.core.crypto.Keccak256;
import io.diseq.core.rlp.Rlp;

/**
 * An in-memory trie node (docs/protocol.md §6.2). Nodes are never modified after construction:
 * an update builds new nodes along the key's path, so the RLP encoding and hash can be cached on
 * the node and an unchanged subtree is never re-encoded or re-hashed. (A sealed class rather than
 * records because of those caches.) {@code persisted} marks nodes already in the store, or embedded
 * in a stored parent; commit skips them and everything below them.
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

    static byte[] ref(Node child) {
        byte[] out = new byte[refLength(child)];
        writeRef(child, out, 0);
        return out;
    }

    /** RLP of a two-item node (leaf or extension): [HP(path), second] with {@code second} already encoded. */
    static byte[] encodePair(byte[] path, boolean leaf, byte[] second) {
        return Rlp.encodeList(Rlp.encodeBytes(HexPrefix.encode(path, leaf)), second);
    }
}
