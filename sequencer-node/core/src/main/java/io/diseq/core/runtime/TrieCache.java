package io.diseq.core.runtime;

import io.diseq.core.trie.NodeStore;
import io.diseq.core.util.Bytes;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The core's view of the state trie (docs/architecture.md, "State-trie nodes"): the nodes of decided blocks
 * that are not durable yet, pinned per height until their block is written, plus a least-recently-used cache
 * of nodes loaded from the store, bounded in bytes. A miss is not an error: the core reports the missing
 * nodes as a value and the runtime loads them. Runtime thread only.
 */
final class TrieCache implements NodeStore {
    private static final int ENTRY_OVERHEAD_BYTES = 96;

    private final long maxBytes;
    private final LinkedHashMap<Bytes, byte[]> lru = new LinkedHashMap<>(1024, 0.75f, true);
    private final TreeMap<Long, Map<Bytes, byte[]>> pinned = new TreeMap<>();
    private final Map<Bytes, byte[]> pinnedIndex = new HashMap<>();
    /** How many pinned blocks hold each pinned node (a node may be new in two blocks being written). */
    private final Map<Bytes, Integer> pinCount = new HashMap<>();
    private long bytes;

    TrieCache(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Override
    public byte[] get(Bytes hash) {
        byte[] node = pinnedIndex.get(hash);
        return node != null ? node : lru.get(hash);
    }

    boolean contains(Bytes hash) {
        return pinnedIndex.containsKey(hash) || lru.containsKey(hash);
    }

    /** Nodes of the block of {@code height}, held until {@link #unpin} (the block is durable). */
    void pin(long height, Map<Bytes, byte[]> nodes) {
        Map<Bytes, byte[]> block = pinned.computeIfAbsent(height, h -> new HashMap<>());
        nodes.forEach((hash, node) -> {
            if (block.put(hash, node) == null) {
                pinnedIndex.put(hash, node);
                pinCount.merge(hash, 1, Integer::sum);
            }
        });
    }

    /** The block of {@code height} is durable: its nodes become ordinary cache entries. */
    void unpin(long height) {
        Map<Bytes, byte[]> nodes = pinned.remove(height);
        if (nodes == null) {
            return;
        }
        nodes.keySet().forEach(hash -> {
            if (pinCount.merge(hash, -1, Integer::sum) == 0) {
                pinCount.remove(hash);
                pinnedIndex.remove(hash);
            }
        });
        nodes.forEach(this::put);
    }

    /** Adds a node loaded from the store, evicting the least recently used beyond the bound. */
    void put(Bytes hash, byte[] node) {
        byte[] old = lru.put(hash, node);
        if (old == null) {
            bytes += node.length + ENTRY_OVERHEAD_BYTES;
        }
        Iterator<Map.Entry<Bytes, byte[]>> it = lru.entrySet().iterator();
        while (bytes > maxBytes && it.hasNext()) {
            bytes -= it.next().getValue().length + ENTRY_OVERHEAD_BYTES;
            it.remove();
        }
    }

    long cachedBytes() {
        return bytes;
    }

    int pinnedBlocks() {
        return pinned.size();
    }
}
