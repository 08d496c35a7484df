package io.diseq.core.chain;

import io.diseq.core.util.Bytes;
import java.util.Map;
import java.util.TreeMap;

/**
 * The latest decided block as the consensus core needs it (docs/protocol.md §7.11): its header and
 * id, and per partition the next unsequenced offset (absent partition = 0). Persisted with the block.
 */
public record ChainTip(BlockHeader header, Bytes blockId, Map<Integer, Long> nextOffsets) {
    public ChainTip {
        nextOffsets = Map.copyOf(nextOffsets);
    }

    public long height() {
        return header.height();
    }

    public long nextOffset(int partition) {
        return nextOffsets.getOrDefault(partition, 0L);
    }

    /** The tip after {@code header}: every range's end becomes its partition's next offset. */
    public ChainTip advance(BlockHeader next) {
        return advance(next, next.id());
    }

    /** As {@link #advance(BlockHeader)} with the header's id already computed. */
    public ChainTip advance(BlockHeader next, Bytes nextId) {
        Map<Integer, Long> offsets = new TreeMap<>(nextOffsets);
        for (PartitionRange r : next.ranges()) {
            offsets.put(r.partition(), r.endOffset());
        }
        return new ChainTip(next, nextId, offsets);
    }
}
