package io.diseq.core.trie;

import io.diseq.core.util.Bytes;

/**
 * Port through which a trie reads persisted nodes (docs/protocol.md §Trie). Nodes are addressed by
 * keccak256 of their RLP encoding and are immutable, so a store never overwrites or deletes
 * (old roots stay provable). The in-memory implementation serves tests and benchmarks; the node
 * service provides a PostgreSQL one. Writes are not part of the port: a trie hands out exactly the
 * new nodes of a batch ({@link TrieCommit}) and the owner persists them in its own transaction.
 */
public interface NodeStore {
    /** The RLP encoding of the node whose keccak256 is {@code hash}, or {@code null} if absent. */
    byte[] get(Bytes hash);
}
