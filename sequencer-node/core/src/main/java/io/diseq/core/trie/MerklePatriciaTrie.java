package io.diseq.core.trie;

import io.diseq.core.crypto.Keccak256;
import io.diseq.core.rlp.Rlp;
import io.diseq.core.util.Bytes;
import java.util.List;

/**
 * Ethereum's Merkle Patricia Trie (Yellow Paper appendix D; docs/protocol.md §6), over a
 * {@link NodeStore}.
 *
 * <p>A trie is opened at a root hash and loads stored nodes lazily, one path at a time, keeping each
 * node it loads in place of its reference so that later reads and writes below the same nodes load
 * nothing again (a block's lookups share the upper levels). Updates build new nodes in memory;
 * {@link #commit()} hands out exactly those that must be stored and then forgets the whole
 * in-memory tree, keeping only the root hash. Memory is therefore bounded by the paths read or
 * written since the last commit, and a trie of tens of millions of keys lives in the store,
 * not on the heap. The caller must persist each commit's nodes before it relies on them again.
 *
 * <p>Keys are arbitrary byte strings (their nibbles are the path); an empty value means "no value",
 * so {@code put(k, empty)} deletes {@code k}, as in Ethereum. Not thread-safe.
 */
public final class MerklePatriciaTrie {
    /** keccak256(RLP("")) = keccak256(0x80), the root of the empty trie. */
    public static final Bytes EMPTY_ROOT = Bytes.wrap(Keccak256.hash(new byte[] {(byte) 0x80}));

    private static final byte[] EMPTY_ROOT_NODE = {(byte) 0x80};

    private final NodeEditor editor;
    private final NodeLoader loader;
    /** For {@link #empty()}: the trie's private store, into which {@link #commit()} writes itself. */
    private final InMemoryNodeStore ownStore;
    private Node root;
    private boolean dirty;

    private MerklePatriciaTrie(NodeStore store, InMemoryNodeStore ownStore, Bytes rootHash) {
        this(new NodeLoader(store), ownStore, rootHash.equals(EMPTY_ROOT) ? null : new HashNode(rootHash.toArray()));
    }

    private MerklePatriciaTrie(NodeLoader loader, InMemoryNodeStore ownStore, Node root) {
        this.ownStore = ownStore;
        this.loader = loader;
        this.editor = new NodeEditor(loader);
        this.root = root;
    }

    /**
     * An empty trie with a private in-memory store: each {@link #commit()} also stores its nodes
     * there, so the trie stays fully readable after commits (for blocks' messages tries and tests).
     */
    public static MerklePatriciaTrie empty() {
        InMemoryNodeStore store = new InMemoryNodeStore();
        return new MerklePatriciaTrie(store, store, EMPTY_ROOT);
    }

    /** The trie whose root hash is {@code rootHash}, reading nodes from {@code store} as needed. */
    public static MerklePatriciaTrie open(NodeStore store, Bytes rootHash) {
        if (rootHash.length() != Keccak256.LENGTH) {
            throw new IllegalArgumentException("a root hash has 32 bytes, got " + rootHash.length());
        }
        return new MerklePatriciaTrie(store, null, rootHash);
    }

    /**
     * A trie with this one's content whose updates leave this one as it is: the two share every node
     * this trie holds, and an update copies the shared nodes on its path (they are sealed, so the editor
     * never changes them in place). Nodes either of them loads later are shared too. For a reader that
     * keeps one trie open over a root, answers lookups from it, and builds each candidate update on a
     * fork. Only an unmodified trie (nothing put or deleted since it was opened or committed) forks.
     */
    public MerklePatriciaTrie fork() {
        if (dirty) {
            throw new IllegalStateException("only an unmodified trie forks");
        }
        return new MerklePatriciaTrie(loader, ownStore, root);
    }

    /** How many stored nodes this trie and its forks have loaded: a bound on the nodes they keep in memory. */
    public long loadedNodes() {
        return loader.loads();
    }

    /** The value stored under {@code key}, or null. */
    public byte[] get(byte[] key) {
        if (root instanceof HashNode) {
            root = editor.resolved(root); // the same node, loaded: not a change, so not dirty
        }
        byte[] value = editor.get(root, Nibbles.of(key));
        return value == null ? null : value.clone();
    }

    /** Stores a copy of {@code value} under {@code key}; an empty value deletes the key. */
    public void put(byte[] key, byte[] value) {
        if (value.length == 0) {
            delete(key);
            return;
        }
        Node updated = editor.insert(root, Nibbles.of(key), 0, value.clone());
        replaceRoot(updated);
    }

    /** Removes {@code key}; removing an absent key changes nothing. */
    public void delete(byte[] key) {
        replaceRoot(editor.delete(root, Nibbles.of(key), 0));
    }

    private void replaceRoot(Node updated) {
        if (updated != root) {
            root = updated;
            dirty = true;
        }
    }

    /** keccak256 of the root node's RLP, always hashed even when shorter than 32 bytes. */
    public Bytes rootHash() {
        return root == null ? EMPTY_ROOT : Bytes.wrap(root.hash().clone());
    }

    /**
     * The nodes created since the last commit (keyed by hash) and the root hash. Every node whose
     * RLP is 32 bytes or more is included, and the root always is, even when shorter; nodes already
     * in the store are not. Afterwards the in-memory tree is dropped: later reads load from the
     * store, so the caller must persist the returned nodes there before it uses the trie again
     * (a trie from {@link #empty()} does that itself). Committing an unchanged trie returns no nodes.
     */
    public TrieCommit commit() {
        NodeBatch newNodes = new NodeBatch(16);
        if (dirty) {
            if (root == null) {
                newNodes.add(EMPTY_ROOT.toArray(), EMPTY_ROOT_NODE.clone());
            } else {
                newNodes = newNodes(root);
            }
        }
        Bytes rootHash = rootHash();
        root = root == null ? null : new HashNode(rootHash.toArray());
        dirty = false;
        TrieCommit commit = new TrieCommit(rootHash, newNodes);
        if (ownStore != null) {
            ownStore.apply(commit);
        }
        return commit;
    }

    /**
     * The new nodes under {@code root}, hashed children first with one reusable digest (a parent's
     * encoding needs its children's hashes), plus the root under its hash whatever its size.
     */
    private static NodeBatch newNodes(Node root) {
        NodeBatch batch = new NodeBatch(1024);
        collect(root, batch, new Keccak256.Hasher());
        if (root.embedded()) {
            batch.add(root.hash(), root.encoding());
        }
        return batch;
    }

    /**
     * Adds the new nodes of the subtree that are stored by hash to {@code batch}, children first,
     * hashing each of them once, and marks the whole subtree persisted. New nodes are always in
     * memory; a branch's children that are still stored references are persisted by definition.
     */
    private static void collect(Node node, NodeBatch batch, Keccak256.Hasher hasher) {
        if (node == null || node.persisted) {
            return;
        }
        if (node instanceof ExtensionNode ext) {
            collect(ext.child(), batch, hasher);
        } else if (node instanceof BranchNode branch) {
            for (int i = 0; i < BranchNode.WIDTH; i++) {
                collect(branch.childInMemory(i), batch, hasher);
            }
        }
        if (!node.embedded()) {
            node.hashWith(hasher);
            batch.add(node.hash(), node.encoding());
        }
        node.persisted = true;
    }

    /**
     * The proof for {@code key}: the RLP of every non-embedded node on the key's path, root first.
     * For an absent key the path ends where the key diverges from the trie, so the same list proves
     * absence (see {@link TrieProofs#verify}). The empty trie's proof is its root node, 0x80.
     */
    public List<byte[]> prove(byte[] key) {
        return new ProofBuilder(loader).prove(root, Nibbles.of(key));
    }

    /** The key under which the {@code index}-th value of an ordered trie is stored: RLP(index). */
    public static byte[] orderedKey(long index) {
        return Rlp.encodeLong(index);
    }

    /** The trie {RLP(i) → values[i]}, exactly as Ethereum's transactions trie; in memory. */
    public static MerklePatriciaTrie ordered(List<byte[]> values) {
        MerklePatriciaTrie trie = empty();
        for (int i = 0; i < values.size(); i++) {
            trie.put(orderedKey(i), values.get(i));
        }
        return trie;
    }

    /** The root of {@link #ordered(List)}: Ethereum's transactionsRoot for raw transactions. */
    public static Bytes orderedRoot(List<byte[]> values) {
        return ordered(values).rootHash();
    }

    /** The proof of the {@code index}-th value of {@link #ordered(List)}; verify with key {@link #orderedKey}. */
    public static List<byte[]> orderedProof(List<byte[]> values, int index) {
        return ordered(values).prove(orderedKey(index));
    }
}
