package io.diseq.core.trie;

import io.diseq.core.rlp.Rlp;

/** A leaf: the rest of the key's nibble path and the value (docs/protocol.md §6.2). */
final class LeafNode extends Node {
    final byte[] path;
    final byte[] value;

    LeafNode(byte[] path, byte[] value) {
        this.path = path;
        this.value = value;
    }

    @Override
    byte[] encode() {
        int valueItem = Rlp.stringLength(value);
        byte[] out = pairWithoutSecond(path, true, valueItem);
        Rlp.writeString(value, out, out.length - valueItem);
        return out;
    }
}
