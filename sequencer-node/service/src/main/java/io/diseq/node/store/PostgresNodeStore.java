package io.diseq.node.store;

import io.diseq.core.trie.NodeStore;
import io.diseq.core.util.Bytes;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/**
 * The state trie's {@link NodeStore} over the {@code trie_nodes} table, with a bounded LRU cache.
 * Nodes are immutable and content-addressed, so a cached node can never be stale; only absence is
 * never cached (a node may be written later). {@link #remember} lets the block store warm the cache
 * with the nodes it just committed, since the next block's trie updates read exactly those.
 * Thread-safe.
 */
public final class PostgresNodeStore implements NodeStore {
    private final Jdbi jdbi;
    private final Lru cache;

    public PostgresNodeStore(Jdbi jdbi, int cacheEntries) {
        if (cacheEntries < 1) {
            throw new IllegalArgumentException("cacheEntries must be >= 1");
        }
        this.jdbi = jdbi;
        this.cache = new Lru(cacheEntries);
    }

    @Override
    public byte[] get(Bytes hash) {
        byte[] cached = cache.lookup(hash);
        if (cached != null) {
            return cached.clone();
        }
        byte[] loaded = jdbi.withExtension(BlockDao.class, dao -> dao.trieNode(hash.unsafeArray())).orElse(null);
        if (loaded != null) {
            cache.put(hash, loaded.clone());
        }
        return loaded;
    }

    /**
     * The stored nodes among {@code hashes}, in one query ({@code = ANY}); absent ones are missing from the
     * map. Bypasses the cache (the consensus runtime keeps its own); the caller bounds the batch.
     */
    public Map<Bytes, byte[]> getMany(Collection<Bytes> hashes) {
        if (hashes.isEmpty()) {
            return Map.of();
        }
        HexFormat hex = HexFormat.of();
        List<String> literals = hashes.stream().map(h -> "\\x" + hex.formatHex(h.unsafeArray())).toList();
        Map<Bytes, byte[]> out = new HashMap<>();
        jdbi.useHandle(h -> h.createQuery("SELECT hash, rlp FROM trie_nodes WHERE hash = ANY(CAST(:hashes AS bytea[]))")
                .bindArray("hashes", String.class, literals)
                .map((rs, ctx) -> Map.entry(Bytes.wrap(rs.getBytes(1)), rs.getBytes(2)))
                .forEach(e -> out.put(e.getKey(), e.getValue())));
        return out;
    }

    /** Adds committed nodes to the cache. */
    public void remember(Map<Bytes, byte[]> committed) {
        committed.forEach((hash, rlp) -> cache.put(hash, rlp.clone()));
    }

    int cachedEntries() {
        return cache.size();
    }

    private static final class Lru {
        private final int capacity;
        private final LinkedHashMap<Bytes, byte[]> map;

        Lru(int capacity) {
            this.capacity = capacity;
            this.map = new LinkedHashMap<>(16, 0.75f, true);
        }

        synchronized byte[] lookup(Bytes key) {
            return map.get(key);
        }

        synchronized void put(Bytes key, byte[] value) {
            map.put(key, value);
            if (map.size() > capacity) {
                map.remove(map.keySet().iterator().next());
            }
        }

        synchronized int size() {
            return map.size();
        }
    }
}
