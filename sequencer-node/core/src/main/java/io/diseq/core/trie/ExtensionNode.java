package io.diseq.core.trie;

/**
 * An extension: a shared non-empty nibble path leading to one child branch (docs/protocol.md §6.2).
 * Like a branch, it is updated in place while transient (see {@link Node#sealed()}).
 */
final class ExtensionNode extends Node {
    final byte[] path;
    private Node child;

    ExtensionNode(byte[] path, Node child) {
        this.path = path;
        this.child = child;
    }

    Node child() {
        return child;
    }

    /** The child loaded through {@code loader} and kept in place of its reference (see {@link BranchNode#resolvedChild}). */
    Node resolvedChild(NodeLoader loader) {
        if (child instanceof HashNode) {
            child = loader.resolve(child);
        }
        return child;
    }

    /** This extension leading to {@code newChild} instead: in place if transient. */
    ExtensionNode withChild(Node newChild) {
        if (sealed()) {
            return new ExtensionNode(path, newChild);
        }
        child = newChild;
        return this;
    }

    @Override
    byte[] encode() {
        int refLength = refLength(child);
        byte[] out = pairWithoutSecond(path, false, refLength);
        writeRef(child, out, out.length - refLength);
        return out;
    }
}
