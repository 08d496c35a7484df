package io.diseq.core.trie;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds a proof (docs/protocol.md §6.5): the encodings of the nodes a verifier walks through for
 * a key, root first, leaving out nodes embedded in their parent (the verifier finds them inside it).
 */
final class ProofBuilder {
    private final NodeLoader loader;

    ProofBuilder(NodeLoader loader) {
        this.loader = loader;
    }

    List<byte[]> prove(Node root, byte[] path) {
        List<byte[]> proof = new ArrayList<>();
        if (root == null) {
            proof.add(new byte[] {(byte) 0x80});
            return proof;
        }
        Node node = loader.resolve(root);
        proof.add(node.encoding().clone());
        int pos = 0;
        while (true) {
            Node next;
            if (node instanceof LeafNode) {
                return proof;
            } else if (node instanceof ExtensionNode ext) {
                if (Nibbles.commonPrefix(ext.path, path, pos) != ext.path.length) {
                    return proof;
                }
                pos += ext.path.length;
                next = ext.child();
            } else {
                BranchNode branch = (BranchNode) node;
                if (pos == path.length || !branch.hasChild(path[pos])) {
                    return proof;
                }
                next = branch.child(path[pos++]);
            }
            node = loader.resolve(next);
            if (!node.embedded()) {
                proof.add(node.encoding().clone());
            }
        }
    }
}
