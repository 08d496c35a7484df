package io.diseq.core.trie;

import io.diseq.core.util.Bytes;

/**
 * Loads nodes from a {@link NodeStore} on demand (docs/protocol.md §6.2). Loaded nodes are not
 * cached here: the trie keeps the nodes on the paths it read or modified since its last commit in
 * place of their references (see {@link BranchNode#resolvedChild}), so its memory is bounded by
 * what a batch touches, not by the size of the trie. The store is the node's own database and is trusted to return
 * the bytes stored under a hash (every stored node was hashed by the trie that committed it), so
 * loading does not re-hash; a node that does not parse as a trie node is a broken invariant.
 */
final class NodeLoader {
    private final NodeStore store;
    private long loads;

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
        loads++;
        return node;
    }

    /** Nodes loaded so far (a bound on what the tries using this loader keep in memory). */
    long loads() {
        return loads;
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
