package io.diseq.node.store;

import io.diseq.core.util.Bytes;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Everything written for one decided block (docs/protocol.md §Persistence): the header (RLP) and
 * certificate, the block's messages in block order, the state-trie nodes the block created, and
 * for every partition of the input topic the next unsequenced offset after this block.
 */
public record DecidedBlock(long height, Bytes blockId, byte[] headerRlp, byte[] certificate, long blockTimeMs,
                           List<Bytes> messages, Map<Bytes, byte[]> newTrieNodes,
                           SortedMap<Integer, Long> nextOffsets) {
    public DecidedBlock {
        Objects.requireNonNull(blockId, "blockId");
        Objects.requireNonNull(headerRlp, "headerRlp");
        Objects.requireNonNull(certificate, "certificate");
        if (height < 0 || blockId.length() != 32) {
            throw new IllegalArgumentException("height must be >= 0 and block id 32 bytes");
        }
        messages = List.copyOf(messages);
        newTrieNodes = Map.copyOf(newTrieNodes);
        nextOffsets = new TreeMap<>(nextOffsets);
    }
}
