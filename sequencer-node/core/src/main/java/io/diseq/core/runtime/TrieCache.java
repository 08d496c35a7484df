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
        pinned.computeIfAbsent(height, h -> new HashMap<>()).putAll(nodes);
        pinnedIndex.putAll(nodes);
    }

    /** The block of {@code height} is durable: its nodes become ordinary cache entries. */
    void unpin(long height) {
        Map<Bytes, byte[]> nodes = pinned.remove(height);
        if (nodes == null) {
            return;
        }
        nodes.keySet().forEach(pinnedIndex::remove);
        pinned.values().forEach(pinnedIndex::putAll); // a node may belong to a later pinned block as well
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
