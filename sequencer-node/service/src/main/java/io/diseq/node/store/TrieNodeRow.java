package io.diseq.node.store;

/** One row of {@code trie_nodes}: a state-trie node addressed by keccak256 of its RLP. */
public record TrieNodeRow(byte[] hash, byte[] rlp) {
}
