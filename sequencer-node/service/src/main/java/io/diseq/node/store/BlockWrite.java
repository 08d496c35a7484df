package io.diseq.node.store;

import io.diseq.core.chain.DecidedBlock;
import io.diseq.core.chain.SequencedMessage;
import io.diseq.core.util.Bytes;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Everything written for one decided block (docs/protocol.md §Persistence): the header (RLP) and
 * certificate, the block's messages in block order, the state-trie nodes the block created, and
 * for every partition of the input topic the next unsequenced offset after this block. The storage
 * form of the core's {@link DecidedBlock} ({@link #of}).
 */
public record BlockWrite(long height, Bytes blockId, byte[] headerRlp, byte[] certificate, long blockTimeMs,
                         List<Bytes> messages, Map<Bytes, byte[]> newTrieNodes,
                         SortedMap<Integer, Long> nextOffsets) {
    public BlockWrite {
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

    /** The write for a block the core decided (its {@code PersistDecidedBlock} effect). */
    public static BlockWrite of(DecidedBlock decided) {
        List<Bytes> payloads = decided.messages().stream()
                .sorted(Comparator.comparingInt(SequencedMessage::index))
                .map(SequencedMessage::payload).toList();
        return new BlockWrite(decided.height(), decided.blockId(), decided.header().encode(),
                decided.certificate().encode(), decided.header().timestampMs(), payloads, decided.stateNodes(),
                new TreeMap<>(decided.tip().nextOffsets()));
    }
}
