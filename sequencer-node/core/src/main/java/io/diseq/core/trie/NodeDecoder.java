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

    /** The node encoded by the whole of {@code encoding}; IllegalArgumentException if it is not one. */
    static Node decode(byte[] encoding) {
        NodeDecoder d = new NodeDecoder(encoding);
        int end = d.item(0, encoding.length);
        if (end != encoding.length || !d.list) {
            throw new IllegalArgumentException("not a single RLP list");
        }
        return d.node(d.payloadStart, d.payloadEnd);
    }

    /** The node whose list payload spans [start, end). */
    private Node node(int start, int end) {
        int[] bounds = new int[(BranchNode.WIDTH + 1) * 2];
        boolean[] lists = new boolean[BranchNode.WIDTH + 1];
        int count = 0;
        for (int pos = start; pos < end; count++) {
            if (count == BranchNode.WIDTH + 1) {
                throw new IllegalArgumentException("more than 17 items");
            }
            int next = item(pos, end);
            bounds[2 * count] = list ? pos : payloadStart;
            bounds[2 * count + 1] = list ? next : payloadEnd;
            lists[count] = list;
            pos = next;
        }
        if (count == BranchNode.WIDTH + 1) {
            return branch(bounds, lists);
        }
        if (count != 2 || lists[0]) {
            throw new IllegalArgumentException("node with " + count + " items");
        }
        HexPrefix.Path path = HexPrefix.decode(buf, bounds[0], bounds[1] - bounds[0]);
        if (path == null) {
            throw new IllegalArgumentException("bad hex-prefix path");
        }
        if (path.leaf()) {
            if (lists[1]) {
                throw new IllegalArgumentException("leaf value is a list");
            }
            return new LeafNode(path.nibbles(), Arrays.copyOfRange(buf, bounds[2], bounds[3]));
        }
        return new ExtensionNode(path.nibbles(), child(bounds[2], bounds[3], lists[1]));
    }

    private Node branch(int[] bounds, boolean[] lists) {
        Node[] children = new Node[BranchNode.WIDTH];
        for (int i = 0; i < BranchNode.WIDTH; i++) {
            children[i] = child(bounds[2 * i], bounds[2 * i + 1], lists[i]);
        }
        int valueStart = bounds[2 * BranchNode.WIDTH];
        int valueEnd = bounds[2 * BranchNode.WIDTH + 1];
        if (lists[BranchNode.WIDTH]) {
            throw new IllegalArgumentException("branch value is a list");
        }
        byte[] value = valueEnd == valueStart ? null : Arrays.copyOfRange(buf, valueStart, valueEnd);
        return new BranchNode(children, value);
    }

    /** A child reference: for a list the bounds are the whole embedded node, else the string payload. */
    private Node child(int start, int end, boolean isList) {
        if (isList) {
            item(start, end);
            Node embedded = node(payloadStart, payloadEnd);
            embedded.persisted = true;
            return embedded;
        }
        if (start == end) {
            return null;
        }
        if (end - start != Keccak256.LENGTH) {
            throw new IllegalArgumentException("child reference of " + (end - start) + " bytes");
        }
        return new HashNode(buf, start);
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
