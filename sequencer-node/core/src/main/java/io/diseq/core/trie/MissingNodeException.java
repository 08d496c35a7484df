package io.diseq.core.trie;

import io.diseq.core.util.Bytes;

/**
 * A node the trie needs is not in its {@link NodeStore}: the store is incomplete for the root the
 * trie was opened at (wrong root, or nodes of a commit that was never persisted).
 *
 * <p>Also the expected signal of a lookup through a partial cache (the content walk catches it once per
 * lookup that needs a node not loaded yet, thousands of times per cold block), so it is cheap: no stack
 * trace, and the message is formatted only when asked for.
 */
public final class MissingNodeException extends RuntimeException {
    private final Bytes hash;

    public MissingNodeException(Bytes hash) {
        super(null, null, false, false);
        this.hash = hash;
    }

    @Override
    public String getMessage() {
        return "trie node " + hash + " is not in the node store";
    }

    public Bytes hash() {
        return hash;
    }
}
