package io.diseq.core.trie;

/** An extension: a shared non-empty nibble path leading to one child branch (docs/protocol.md §6.2). */
final class ExtensionNode extends Node {
    final byte[] path;
    final Node child;

    ExtensionNode(byte[] path, Node child) {
        this.path = path;
        this.child = child;
    }

    @Override
    byte[] encode() {
        return encodePair(path, false, ref(child));
    }
}
