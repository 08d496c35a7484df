package io.diseq.core.trie;

import io.diseq.core.crypto.Keccak256;
import java.util.Arrays;

/**
 * Decodes a stored node's RLP straight into {@link Node}s without building an RLP tree (the
 * trie's hot path: every insert loads a few nodes). Stored nodes come from the node's own store,
 * written by this trie, so this decoder only checks what keeps it memory-safe and structurally
 * sound: bounds, item counts, reference sizes and hex-prefix flags. Untrusted nodes (proofs) go
 * through the strict {@link io.diseq.core.rlp.Rlp} decoder instead ({@link TrieProofs}).
 */
final class NodeDecoder {
    private final byte[] buf;
    /** Set by {@link #item}: the payload bounds and kind of the item just read. */
    private int payloadStart;
    private int payloadEnd;
    private boolean list;

    private NodeDecoder(byte[] buf) {
        this.buf = buf;
    }

    /**
     * The node encoded by the whole of {@code encoding}; IllegalArgumentException, and nothing else, if
     * it is not one (for any bytes: the fuzz tests hold it to that). Embedded children of a branch are
     * checked when first used ({@link #reference}, IllegalStateException).
     */
    static Node decode(byte[] encoding) {
        if (encoding.length == 0) {
            throw new IllegalArgumentException("empty node encoding");
        }
        NodeDecoder d = new NodeDecoder(encoding);
        int end = d.item(0, encoding.length);
        if (end != encoding.length || !d.list) {
            throw new IllegalArgumentException("not a single RLP list");
        }
        return d.node(d.payloadStart, d.payloadEnd);
    }

    /**
     * The node whose list payload spans [start, end), in one pass over its items. For a branch the
     * children stay references into this buffer (see {@link BranchNode}): only their kinds and
     * sizes are checked here, an embedded child is decoded when first used.
     */
    private Node node(int start, int end) {
        int count = 0;
        int refs = 0; // as BranchNode's sourceRefs: bit i a non-empty child, bit 16 + i an embedded one
        boolean badRef = false;
        int second = -1;
        for (int pos = start; pos < end; count++) {
            if (count == BranchNode.WIDTH + 1) {
                throw new IllegalArgumentException("more than 17 items");
            }
            int next = item(pos, end);
            if (count < BranchNode.WIDTH) {
                if (list) {
                    refs |= 0x10001 << count;
                } else if (next - pos == 1 + Keccak256.LENGTH && payloadStart == pos + 1) {
                    refs |= 1 << count; // a hash, in the canonical short form BranchNode relies on
                } else {
                    badRef |= next != pos + 1 || payloadEnd != payloadStart;
                }
            }
            second = count == 1 ? pos : second;
            pos = next;
        }
        if (count == BranchNode.WIDTH + 1) {
            // item() left the payload of the last item, the value, in the fields
            if (badRef || list) {
                throw new IllegalArgumentException("branch with a bad child reference or a list value");
            }
            byte[] value = payloadEnd == payloadStart ? null : Arrays.copyOfRange(buf, payloadStart, payloadEnd);
            return new BranchNode(new Node[BranchNode.WIDTH], value, buf, start, refs, refs & 0xffff);
        }
        if (count != 2) {
            throw new IllegalArgumentException("node with " + count + " items");
        }
        return pair(start, second, end);
    }

    /** A leaf or extension: its path item at {@code start}, its second item at {@code second}. */
    private Node pair(int start, int second, int end) {
        item(start, second);
        HexPrefix.Path path = list ? null : HexPrefix.decode(buf, payloadStart, payloadEnd - payloadStart);
        if (path == null) {
            throw new IllegalArgumentException("bad hex-prefix path");
        }
        if (!path.leaf()) {
            return new ExtensionNode(path.nibbles(), child(second, end));
        }
        item(second, end);
        if (list) {
            throw new IllegalArgumentException("leaf value is a list");
        }
        return new LeafNode(path.nibbles(), Arrays.copyOfRange(buf, payloadStart, payloadEnd));
    }

    /** The non-empty child reference whose item starts at {@code pos}: an embedded node or a hash. */
    private Node child(int pos, int end) {
        item(pos, end);
        if (list) {
            Node embedded = node(payloadStart, payloadEnd);
            embedded.persisted = true;
            return embedded;
        }
        if (payloadEnd - payloadStart != Keccak256.LENGTH) {
            throw new IllegalArgumentException("child reference of " + (payloadEnd - payloadStart) + " bytes");
        }
        return new HashNode(buf, payloadStart);
    }

    /**
     * The child reference at {@code pos} of a stored branch decoded by {@link #decode} (so its
     * item is known to be in bounds and non-empty); an embedded child is decoded now.
     */
    static Node reference(byte[] buf, int pos) {
        try {
            return new NodeDecoder(buf).child(pos, buf.length);
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            throw new IllegalStateException("corrupt embedded trie node in a stored branch", e);
        }
    }

    /** The end of the RLP item at {@code pos} of a buffer already checked by {@link #decode}. */
    static int skipItem(byte[] buf, int pos) {
        int prefix = buf[pos] & 0xff;
        if (prefix < 0x80) {
            return pos + 1;
        }
        int code = prefix - (prefix >= 0xc0 ? 0xc0 : 0x80);
        if (code <= 55) {
            return pos + 1 + code;
        }
        int length = 0;
        for (int i = 1; i <= code - 55; i++) {
            length = (length << 8) | (buf[pos + i] & 0xff);
        }
        return pos + 1 + (code - 55) + length;
    }

    /** Reads the item header at {@code pos}; sets the payload fields; returns the item's end. */
    private int item(int pos, int limit) {
        int prefix = buf[pos] & 0xff;
        list = prefix >= 0xc0;
        if (prefix < 0x80) {
            payloadStart = pos;
            payloadEnd = pos + 1;
            return payloadEnd;
        }
        int code = prefix - (list ? 0xc0 : 0x80);
        int length;
        int headerLength;
        if (code <= 55) {
            length = code;
            headerLength = 1;
        } else {
            int lengthOfLength = code - 55;
            if (lengthOfLength > 4 || pos + 1 + lengthOfLength > limit) {
                throw new IllegalArgumentException("bad length at " + pos);
            }
            length = 0;
            for (int i = 1; i <= lengthOfLength; i++) {
                length = (length << 8) | (buf[pos + i] & 0xff);
            }
            headerLength = 1 + lengthOfLength;
        }
        payloadStart = pos + headerLength;
        payloadEnd = payloadStart + length;
        if (length < 0 || payloadEnd > limit || payloadEnd < payloadStart) {
            throw new IllegalArgumentException("item overruns its parent at " + pos);
        }
        return payloadEnd;
    }
}
