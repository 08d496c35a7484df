package io.diseq.core.trie;

import io.diseq.core.util.Bytes;
import java.util.Map;

/**
 * The result of committing a batch of trie updates: the new root hash and exactly the nodes that
 * are new since the previous commit (keyed by keccak256 of their RLP), ready to be persisted in one
 * transaction. Nodes shorter than 32 bytes are embedded in their parent and never appear here, except
 * the root, which is always stored under its hash.
 *
 * <p>The map is unmodifiable. A caller's map is copied; the trie instead hands over a map it built
 * for this commit and never touches again ({@link #owning}), so a batch of tens of thousands of
 * nodes is not copied a second time.
 */
public record TrieCommit(Bytes root, Map<Bytes, byte[]> newNodes) {
    public TrieCommit {
        newNodes = newNodes instanceof NodeBatch ? newNodes : Map.copyOf(newNodes);
    }

    /** Takes ownership of {@code fresh}: the trie never touches the batch again. */
    static TrieCommit owning(Bytes root, NodeBatch fresh) {
        return new TrieCommit(root, fresh);
    }
}
