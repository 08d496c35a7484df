package io.diseq.core.trie;

import java.util.Arrays;

/**
 * Insert and delete (docs/protocol.md §6.2): each returns the new subtree root, or the very same
 * node when nothing changed, so untouched subtrees keep their cached hashes and stay marked
 * persisted. Sealed nodes are copied along the key's path; nodes the current batch created and has
 * not encoded yet are updated in place (returning the same node, whose parent is then transient
 * too and already points to it), so a batch builds each new node once instead of once per key
 * passing through it. Deletion restores the canonical shape: a branch left with one entry
 * collapses into a leaf or extension, and an extension followed by an extension or leaf merges.
 */
final class NodeEditor {
    private final NodeLoader loader;

    NodeEditor(NodeLoader loader) {
        this.loader = loader;
    }

    /** The value under {@code path} below {@code node}, which the caller has resolved (see {@link #resolved}). */
    byte[] get(Node node, byte[] path) {
        int pos = 0;
        while (node != null) {
            if (node instanceof LeafNode leaf) {
                return Arrays.equals(leaf.path, 0, leaf.path.length, path, pos, path.length) ? leaf.value : null;
            } else if (node instanceof ExtensionNode ext) {
                if (Nibbles.commonPrefix(ext.path, path, pos) != ext.path.length) {
                    return null;
                }
                pos += ext.path.length;
                node = ext.resolvedChild(loader);
            } else {
                BranchNode branch = (BranchNode) node;
                if (pos == path.length) {
                    return branch.value();
                }
                node = branch.resolvedChild(path[pos++], loader);
            }
        }
        return null;
    }

    /** {@code node} loaded if it is a stored reference (the trie keeps its root loaded this way). */
    Node resolved(Node node) {
        return loader.resolve(node);
    }

    /** Inserts or replaces the key; returns the same node if it already held this value. */
    Node insert(Node node, byte[] path, int pos, byte[] value) {
        if (node == null) {
            return new LeafNode(Nibbles.tail(path, pos), value);
        }
        Node resolved = loader.resolve(node);
        Node result = insertResolved(resolved, path, pos, value);
        return result == resolved ? node : result;
    }

    private Node insertResolved(Node node, byte[] path, int pos, byte[] value) {
        if (node instanceof LeafNode leaf) {
            return insertAtLeaf(leaf, path, pos, value);
        } else if (node instanceof ExtensionNode ext) {
            return insertAtExtension(ext, path, pos, value);
        }
        BranchNode branch = (BranchNode) node;
        if (pos == path.length) {
            return Arrays.equals(branch.value(), value) ? branch : branch.withValue(value);
        }
        int nibble = path[pos];
        Node oldChild = branch.resolvedChild(nibble, loader);
        Node newChild = insert(oldChild, path, pos + 1, value);
        return newChild == oldChild ? branch : branch.withChild(nibble, newChild);
    }

    private Node insertAtLeaf(LeafNode leaf, byte[] path, int pos, byte[] value) {
        int common = Nibbles.commonPrefix(leaf.path, path, pos);
        if (common == leaf.path.length && pos + common == path.length) {
            return Arrays.equals(leaf.value, value) ? leaf : new LeafNode(leaf.path, value);
        }
        Node[] children = new Node[BranchNode.WIDTH];
        byte[] branchValue = null;
        if (common == leaf.path.length) {
            branchValue = leaf.value;
        } else {
            children[leaf.path[common]] = new LeafNode(Nibbles.tail(leaf.path, common + 1), leaf.value);
        }
        int split = pos + common;
        if (split == path.length) {
            branchValue = value;
        } else {
            children[path[split]] = new LeafNode(Nibbles.tail(path, split + 1), value);
        }
        return prefixed(Nibbles.slice(leaf.path, 0, common), new BranchNode(children, branchValue));
    }

    private Node insertAtExtension(ExtensionNode ext, byte[] path, int pos, byte[] value) {
        int common = Nibbles.commonPrefix(ext.path, path, pos);
        if (common == ext.path.length) {
            Node oldChild = ext.resolvedChild(loader);
            Node newChild = insert(oldChild, path, pos + common, value);
            return newChild == oldChild ? ext : ext.withChild(newChild);
        }
        Node[] children = new Node[BranchNode.WIDTH];
        children[ext.path[common]] = common + 1 == ext.path.length
                ? ext.child()
                : new ExtensionNode(Nibbles.tail(ext.path, common + 1), ext.child());
        byte[] branchValue = null;
        int split = pos + common;
        if (split == path.length) {
            branchValue = value;
        } else {
            children[path[split]] = new LeafNode(Nibbles.tail(path, split + 1), value);
        }
        return prefixed(Nibbles.slice(ext.path, 0, common), new BranchNode(children, branchValue));
    }

    /** Deletes the key; returns the same node if the key was absent, null if the subtree is now empty. */
    Node delete(Node node, byte[] path, int pos) {
        if (node == null) {
            return null;
        }
        Node resolved = loader.resolve(node);
        Node result;
        if (resolved instanceof LeafNode leaf) {
            boolean match = Arrays.equals(leaf.path, 0, leaf.path.length, path, pos, path.length);
            result = match ? null : leaf;
        } else if (resolved instanceof ExtensionNode ext) {
            result = deleteAtExtension(ext, path, pos);
        } else {
            result = deleteAtBranch((BranchNode) resolved, path, pos);
        }
        return result == resolved ? node : result;
    }

    private Node deleteAtExtension(ExtensionNode ext, byte[] path, int pos) {
        if (Nibbles.commonPrefix(ext.path, path, pos) != ext.path.length) {
            return ext;
        }
        Node newChild = delete(ext.child(), path, pos + ext.path.length);
        if (newChild == ext.child()) {
            return ext;
        }
        return newChild == null ? null : prefixed(ext.path, newChild);
    }

    private Node deleteAtBranch(BranchNode branch, byte[] path, int pos) {
        BranchNode changed;
        if (pos == path.length) {
            if (branch.value() == null) {
                return branch;
            }
            changed = branch.withValue(null);
        } else {
            int nibble = path[pos];
            Node oldChild = branch.child(nibble);
            Node newChild = delete(oldChild, path, pos + 1);
            if (newChild == oldChild) {
                return branch;
            }
            changed = branch.withChild(nibble, newChild);
        }
        return changed.entryCount() >= 2 ? changed : collapse(changed);
    }

    /** A branch left with a single entry becomes a leaf (its value) or the child behind one more nibble. */
    private Node collapse(BranchNode branch) {
        if (branch.value() != null) {
            return new LeafNode(Nibbles.EMPTY, branch.value());
        }
        for (int i = 0; i < BranchNode.WIDTH; i++) {
            if (branch.hasChild(i)) {
                return prefixed(new byte[] {(byte) i}, branch.child(i));
            }
        }
        return null;
    }

    /**
     * {@code child} behind the nibble path {@code prefix}, in canonical form: merged into a leaf or
     * extension child, wrapped in an extension for a branch, or the child itself for an empty prefix.
     */
    private Node prefixed(byte[] prefix, Node child) {
        if (prefix.length == 0) {
            return child;
        }
        Node resolved = loader.resolve(child);
        if (resolved instanceof LeafNode leaf) {
            return new LeafNode(Nibbles.concat(prefix, leaf.path), leaf.value);
        } else if (resolved instanceof ExtensionNode ext) {
            return new ExtensionNode(Nibbles.concat(prefix, ext.path), ext.child());
        }
        return new ExtensionNode(prefix, child);
    }
}
