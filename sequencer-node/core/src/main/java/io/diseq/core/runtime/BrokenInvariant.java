package io.diseq.core.runtime;

/**
 * The node's own state is broken (a store that lacks a node of a decided root, a write that forks the stored
 * chain). Unlike any failure while handling an untrusted input, this stops the node: nothing more is signed.
 */
public final class BrokenInvariant extends IllegalStateException {
    public BrokenInvariant(String message) {
        super(message);
    }
}
