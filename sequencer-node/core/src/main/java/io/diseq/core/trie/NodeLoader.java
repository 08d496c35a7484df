package io.diseq.core.trie;

import io.diseq.core.crypto.Keccak256;
import io.diseq.core.rlp.Rlp;
import io.diseq.core.rlp.RlpException;
import io.diseq.core.rlp.RlpItem;
import io.diseq.core.rlp.RlpList;
import io.diseq.core.rlp.RlpString;
import io.diseq.core.util.Bytes;

/**
 * Loads nodes from a {@link NodeStore} on demand (docs/protocol.md §6.2). Loaded nodes are not
 * cached here: the trie keeps only the nodes on paths it modified, so its memory is bounded by the
 * size of a batch, not of the trie. The store is the node's own database and is trusted to return
 * the bytes stored under a hash (every stored node was hashed by the trie that committed it), so
 * loading does not re-hash; a node that does not parse as a trie node is a broken invariant.
 */
final class NodeLoader {
    private final NodeStore store;

    NodeLoader(NodeStore store) {
        this.store = store;
    }

    /** The node {@code ref} stands for; other nodes are returned as they are. */
    Node resolve(Node ref) {
        if (!(ref instanceof HashNode h)) {
            return ref;
        }
        byte[] hash = h.hash();
        byte[] encoding = store.get(Bytes.wrap(hash));
        if (encoding == null) {
            throw new MissingNodeException(Bytes.of(hash));
        }
        Node node = decode(encoding, hash);
        node.markLoaded(encoding, hash);
        return node;
    }

    /** Decodes a stored node; {@code hash} only names the node in an error. */
    static Node decode(byte[] encoding, byte[] hash) {
        try {
            RlpItem item = Rlp.decode(encoding);
            if (item instanceof RlpString s && s.length() == 0) {
                throw new IllegalStateException("the empty trie has no stored root node");
            }
            return node(item.asList());
        } catch (RlpException | IllegalArgumentException e) {
            throw new IllegalStateException("corrupt trie node " + Bytes.wrap(hash) + " in the store", e);
        }
    }

    private static Node node(RlpList list) {
        if (list.size() == BranchNode.WIDTH + 1) {
            Node[] children = new Node[BranchNode.WIDTH];
            for (int i = 0; i < BranchNode.WIDTH; i++) {
                children[i] = child(list.get(i));
            }
            byte[] value = list.get(BranchNode.WIDTH).asString().bytes();
            return new BranchNode(children, value.length == 0 ? null : value);
        }
        list.expectSize(2);
        HexPrefix.Path path = HexPrefix.decode(list.get(0).asString().bytes());
        if (path == null) {
            throw new IllegalArgumentException("bad hex-prefix path");
        }
        if (path.leaf()) {
            return new LeafNode(path.nibbles(), list.get(1).asString().bytes());
        }
        return new ExtensionNode(path.nibbles(), child(list.get(1)));
    }

    /** A child reference: empty, a 32-byte hash, or an embedded node (already persisted inside its parent). */
    private static Node child(RlpItem ref) {
        if (ref instanceof RlpList embedded) {
            Node node = node(embedded);
            node.persisted = true;
            return node;
        }
        RlpString s = (RlpString) ref;
        if (s.length() == 0) {
            return null;
        }
        if (s.length() != Keccak256.LENGTH) {
            throw new IllegalArgumentException("child reference of " + s.length() + " bytes");
        }
        return new HashNode(s.bytes());
    }
}
