package io.diseq.core.trie;

import io.diseq.core.rlp.Rlp;

/**
 * A branch: 16 children indexed by the next nibble and the value of the key that ends here
 * (docs/protocol.md §6.2). The children array is owned by the node and never modified after
 * construction; updates copy it.
 */
final class BranchNode extends Node {
    static final int WIDTH = 16;

    final Node[] children;
    final byte[] value;

    /** {@code value} is null when no key ends at this branch. */
    BranchNode(Node[] children, byte[] value) {
        this.children = children;
        this.value = value;
    }

    /** Number of non-empty children plus one if the branch holds a value. */
    int entryCount() {
        int n = value == null ? 0 : 1;
        for (Node child : children) {
            n += child == null ? 0 : 1;
        }
        return n;
    }

    @Override
    byte[] encode() {
        byte[] valueRlp = Rlp.encodeBytes(value == null ? Nibbles.EMPTY : value);
        int payload = valueRlp.length;
        for (Node child : children) {
            payload += refLength(child);
        }
        byte[] out = new byte[Rlp.headerLength(payload) + payload];
        int pos = Rlp.writeHeader(out, 0, 0xc0, payload);
        for (Node child : children) {
            pos = writeRef(child, out, pos);
        }
        System.arraycopy(valueRlp, 0, out, pos, valueRlp.length);
        return out;
    }
}
