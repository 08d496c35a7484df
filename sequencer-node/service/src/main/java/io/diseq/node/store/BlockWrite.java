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
 * form of the core's {@link DecidedBlock} ({@link #of}). {@code sources} gives, per message in block order,
 * its partition and offset in the input topic (empty only for blocks not made by the core, in tests).
 */
public record BlockWrite(long height, Bytes blockId, byte[] headerRlp, byte[] certificate, long blockTimeMs,
                         List<Bytes> messages, Map<Bytes, byte[]> newTrieNodes,
                         SortedMap<Integer, Long> nextOffsets, List<MessageSource> sources) {
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
        sources = List.copyOf(sources);
        if (!sources.isEmpty() && sources.size() != messages.size()) {
            throw new IllegalArgumentException("sources must be empty or one per message");
        }
    }

    /** A write without message sources (such a block cannot be served to catching-up peers). */
    public BlockWrite(long height, Bytes blockId, byte[] headerRlp, byte[] certificate, long blockTimeMs,
                      List<Bytes> messages, Map<Bytes, byte[]> newTrieNodes, SortedMap<Integer, Long> nextOffsets) {
        this(height, blockId, headerRlp, certificate, blockTimeMs, messages, newTrieNodes, nextOffsets, List.of());
    }

    /** The write for a block the core decided (its {@code PersistDecidedBlock} effect). */
    public static BlockWrite of(DecidedBlock decided) {
        List<SequencedMessage> ordered = decided.messages().stream()
                .sorted(Comparator.comparingInt(SequencedMessage::index)).toList();
        List<Bytes> payloads = ordered.stream().map(SequencedMessage::payload).toList();
        List<MessageSource> sources = ordered.stream()
                .map(m -> new MessageSource(m.partition(), m.offset())).toList();
        return new BlockWrite(decided.height(), decided.blockId(), decided.header().encode(),
                decided.certificate().encode(), decided.header().timestampMs(), payloads, decided.stateNodes(),
                new TreeMap<>(decided.tip().nextOffsets()), sources);
    }
}
