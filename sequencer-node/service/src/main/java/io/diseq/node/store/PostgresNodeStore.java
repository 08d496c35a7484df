package io.diseq.node.store;

import io.diseq.core.trie.NodeStore;
import io.diseq.core.util.Bytes;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.argument.Argument;

/**
 * The state trie's {@link NodeStore} over the {@code trie_nodes} table, with a bounded LRU cache for
 * the REST API's proofs ({@link #get}: receipts and absence proofs, whose upper trie levels are the
 * same for every proof under one root). Nodes are immutable and content-addressed, so a cached node
 * can never be stale; only absence is never cached (a node may be written later). {@link #remember}
 * lets the block store warm the cache with the nodes it just committed (the newest block's
 * receipts read them). {@link #getMany} loads many nodes with one query for the consensus runtime's
 * trie loads; it reads the cache but does not fill it, since the runtime keeps what it loads in its
 * own trie cache (a second copy here would only push the REST API's hot nodes out). Thread-safe.
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
        byte[] loaded = jdbi.withHandle(handle -> {
            try (PreparedStatement ps = handle.getConnection().prepareStatement(BlockDao.TRIE_NODE_BY_HASH)) {
                ps.setBytes(1, hash.unsafeArray());
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getBytes(1) : null;
                }
            } catch (SQLException e) {
                throw new IllegalStateException("cannot load trie node " + hash.toHex() + ": " + e.getMessage(), e);
            }
        });
        if (loaded != null) {
            cache.put(hash, loaded.clone());
        }
        return loaded;
    }

    /**
     * The stored nodes among {@code hashes}, loaded with ONE query ({@code hash = ANY(?)} over a bytea
     * array) for those not in the cache; the loaded nodes are cached. The map holds only the hashes
     * found (an absent node is simply missing from it, never mapped to null); repeated hashes in the
     * input are looked up once; an empty input returns an empty map without a query. The returned
     * arrays are copies the caller may keep. Hashes that are not 32 bytes are never found. Loaded nodes
     * are not added to the cache.
     */
    public Map<Bytes, byte[]> getMany(Collection<Bytes> hashes) {
        Map<Bytes, byte[]> found = new HashMap<>(Math.max(16, hashes.size() * 2));
        Set<Bytes> missing = new LinkedHashSet<>();
        for (Bytes hash : hashes) {
            byte[] cached = cache.lookup(hash);
            if (cached != null) {
                found.put(hash, cached.clone());
            } else {
                missing.add(hash);
            }
        }
        if (missing.isEmpty()) {
            return found;
        }
        byte[][] keys = new byte[missing.size()][];
        int i = 0;
        for (Bytes hash : missing) {
            keys[i++] = hash.unsafeArray();
        }
        jdbi.useHandle(handle -> load(handle, keys, found));
        return found;
    }

    private void load(Handle handle, byte[][] keys, Map<Bytes, byte[]> found) {
        try {
            Array array = handle.getConnection().createArrayOf("bytea", keys);
            try {
                handle.createQuery("SELECT hash, rlp FROM trie_nodes WHERE hash = ANY(:hashes)")
                        .bind("hashes", (Argument) (position, statement, ctx) -> statement.setArray(position, array))
                        .map((rs, ctx) -> Map.entry(Bytes.wrap(rs.getBytes(1)), rs.getBytes(2)))
                        .forEach(row -> found.put(row.getKey(), row.getValue()));
            } finally {
                array.free();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot load trie nodes: " + e.getMessage(), e);
        }
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
