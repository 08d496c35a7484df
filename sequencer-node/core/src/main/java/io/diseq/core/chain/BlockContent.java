package io.diseq.core.chain;

import io.diseq.core.trie.TrieCommit;
import io.diseq.core.util.Bytes;
import java.util.List;

/**
 * The messages a block's ranges denote and the roots they produce (docs/protocol.md §7.11), as
 * recomputed by the content rule: the proposer fills a header from it, a validator compares it with
 * the header, and the decided block persists its messages and the new state-trie nodes.
 */
public record BlockContent(List<PartitionRange> ranges, List<SequencedMessage> messages, long totalBytes,
                           Bytes messagesRoot, TrieCommit stateCommit) {
    public BlockContent {
        ranges = List.copyOf(ranges);
        messages = List.copyOf(messages);
    }

    public Bytes stateRoot() {
        return stateCommit.root();
    }
}
