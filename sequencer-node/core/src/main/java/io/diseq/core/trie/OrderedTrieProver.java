package io.diseq.core.trie;

import io.diseq.core.crypto.Keccak256;
import io.diseq.core.util.Bytes;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Proofs of an ordered trie {RLP(i) → values[i]} (a block's messages trie, docs/protocol.md §6.5,
 * §7.17) without keeping its values: built once from the values, it holds only the trie's branch
 * and extension nodes (and the root), about a twentieth of the trie for 100-byte values, and
 * {@link #prove} rebuilds the one leaf a proof ends in from the value the caller passes for that
 * index. The proofs are byte for byte those of {@link MerklePatriciaTrie#orderedProof}. Immutable
 * and thread-safe once built.
 */
public final class OrderedTrieProver {
    /** Per held node: the map entry, the key's {@link Bytes} and arrays' headers, roughly. */
    private static final int NODE_OVERHEAD_BYTES = 120;

    private final Bytes root;
    private final int size;
    private final Map<Bytes, byte[]> inner;
    private final long heldBytes;

    private OrderedTrieProver(Bytes root, int size, Map<Bytes, byte[]> inner) {
        this.root = root;
        this.size = size;
        this.inner = inner;
        long bytes = 0;
        for (byte[] node : inner.values()) {
            bytes += node.length + NODE_OVERHEAD_BYTES;
        }
        this.heldBytes = bytes;
    }

    /** The prover of {@code MerklePatriciaTrie.ordered(values)}. */
    public static OrderedTrieProver of(List<byte[]> values) {
        TrieCommit commit = MerklePatriciaTrie.ordered(values).commit();
        Map<Bytes, byte[]> inner = new HashMap<>();
        commit.newNodes().forEach((hash, encoding) -> {
            if (hash.equals(commit.root()) || !(NodeDecoder.decode(encoding) instanceof LeafNode)) {
                inner.put(hash, encoding);
            }
        });
        return new OrderedTrieProver(commit.root(), values.size(), inner);
    }

    /** The root hash: {@link MerklePatriciaTrie#orderedRoot} of the values. */
    public Bytes root() {
        return root;
    }

    /** The number of values the trie was built from. */
    public int size() {
        return size;
    }

    /** About how much heap this prover holds (for a cache's bound). */
    public long heldBytes() {
        return heldBytes;
    }

    /**
     * The proof of the {@code index}-th value, equal to {@code MerklePatriciaTrie.orderedProof(values, index)}.
     *
     * @param value the value at {@code index} (the caller's copy of it)
     * @throws IllegalArgumentException if {@code index} is outside the trie
     * @throws MissingNodeException     if {@code value} is not the value stored at {@code index}
     */
    public List<byte[]> prove(int index, byte[] value) {
        if (index < 0 || index >= size) {
            throw new IllegalArgumentException("index " + index + " outside an ordered trie of " + size);
        }
        byte[] key = MerklePatriciaTrie.orderedKey(index);
        byte[] path = Nibbles.of(key);
        NodeStore view = hash -> {
            byte[] node = inner.get(hash);
            return node != null ? node.clone() : leaf(hash, path, value);
        };
        return MerklePatriciaTrie.open(view, root).prove(key);
    }

    /**
     * The leaf of {@code value} whose hash is {@code hash}: the leaf's path is a suffix of the key's
     * nibbles, and the key has at most a few bytes, so every suffix is tried; null if none matches.
     */
    private static byte[] leaf(Bytes hash, byte[] path, byte[] value) {
        Keccak256.Hasher hasher = new Keccak256.Hasher();
        for (int depth = path.length; depth >= 0; depth--) {
            byte[] encoding = new LeafNode(Nibbles.tail(path, depth), value).encoding();
            if (Arrays.equals(hasher.hash(encoding), hash.unsafeArray())) {
                return encoding;
            }
        }
        return null;
    }
}
