package io.diseq.core.trie;

import io.diseq.core.crypto.Keccak256;
import java.util.Arrays;

/**
 * A reference to a node in the store that has not been loaded. It is always persisted and always
 * hashed (a stored child shorter than 32 bytes is embedded and decoded with its parent), except
 * the root, which is referenced by hash whatever its size but never embedded in a parent.
 *
 * <p>A reference decoded from a stored parent points into the parent's encoding instead of
 * copying its 32 bytes; the copy is made only when a caller needs the hash as an array. A stored
 * branch creates these only for the children that are actually followed (see {@link BranchNode}).
 * The parent's encoding is never modified.
 */
final class HashNode extends Node {
    private final byte[] source;
    private final int offset;
    private byte[] hash;

    HashNode(byte[] hash) {
        this(hash, 0);
        this.hash = hash;
    }

    /** The hash at {@code source[offset .. offset + 32)}. */
    HashNode(byte[] source, int offset) {
        this.source = source;
        this.offset = offset;
        this.persisted = true;
    }

    @Override
    byte[] hash() {
        if (hash == null) {
            hash = Arrays.copyOfRange(source, offset, offset + Keccak256.LENGTH);
        }
        return hash;
    }

    @Override
    void writeHash(byte[] out, int pos) {
        System.arraycopy(source, offset, out, pos, Keccak256.LENGTH);
    }

    @Override
    boolean embedded() {
        return false;
    }

    @Override
    byte[] encode() {
        throw new IllegalStateException("an unloaded node has no encoding in memory; load it first");
    }
}
