package io.diseq.core.trie;

import io.diseq.core.util.Bytes;

/**
 * A node the trie needs is not in its {@link NodeStore}: the store is incomplete for the root the
 * trie was opened at (wrong root, or nodes of a commit that was never persisted).
 */
public final class MissingNodeException extends RuntimeException {
    private final Bytes hash;

    public MissingNodeException(Bytes hash) {
        super("trie node " + hash + " is not in the node store");
        this.hash = hash;
    }

    public Bytes hash() {
        return hash;
    }
}
