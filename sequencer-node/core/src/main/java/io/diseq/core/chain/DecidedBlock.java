package io.diseq.core.chain;

import io.diseq.core.util.Bytes;
import java.util.List;
import java.util.Map;

/**
 * Everything a decided height writes in one transaction (docs/protocol.md §7.10, §7.11): the header, its
 * certificate, the messages in block order, the state-trie nodes new in this block, and the chain
 * tip after it (whose next offsets are the input positions to resume from after a restart).
 */
public record DecidedBlock(BlockHeader header, Bytes blockId, QuorumCertificate certificate,
                           List<SequencedMessage> messages, Map<Bytes, byte[]> stateNodes, ChainTip tip) {
    public DecidedBlock {
        messages = List.copyOf(messages);
        stateNodes = Map.copyOf(stateNodes);
    }

    public long height() {
        return header.height();
    }
}
