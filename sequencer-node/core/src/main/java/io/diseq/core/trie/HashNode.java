package io.diseq.core.trie;

/**
 * A reference to a node in the store that has not been loaded. It is always persisted and always
 * hashed (a stored child shorter than 32 bytes is embedded and decoded with its parent), except
 * the root, which is referenced by hash whatever its size but never embedded in a parent.
 */
final class HashNode extends Node {
    private final byte[] hash;

    HashNode(byte[] hash) {
        this.hash = hash;
        this.persisted = true;
    }

    @Override
    byte[] hash() {
        return hash;
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
