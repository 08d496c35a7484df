package io.diseq.core.trie;

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
            return NodeDecoder.decode(encoding);
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            throw new IllegalStateException("corrupt trie node " + Bytes.wrap(hash) + " in the store", e);
        }
    }
}
