package io.diseq.core.trie;

import io.diseq.core.util.Bytes;
import java.util.Map;

/**
 * The result of committing a batch of trie updates: the new root hash and exactly the nodes that
 * are new since the previous commit (keyed by keccak256 of their RLP), ready to be persisted in one
 * transaction. Nodes shorter than 32 bytes are embedded in their parent and never appear here, except
 * the root, which is always stored under its hash.
 *
 * <p>The map is unmodifiable. A caller's map is copied; the batch the trie built for this commit
 * (a {@code NodeBatch}, which it never touches again) is kept as it is, so tens of thousands of
 * nodes are not copied a second time.
 */
public record TrieCommit(Bytes root, Map<Bytes, byte[]> newNodes) {
    public TrieCommit {
        newNodes = newNodes instanceof NodeBatch ? newNodes : Map.copyOf(newNodes);
    }
}
