package io.diseq.core.trie;

import io.diseq.core.util.Bytes;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;

/**
 * A {@link NodeStore} in memory, for tests, benchmarks and the simulator (docs/protocol.md §Trie).
 * Not thread-safe.
 *
 * <p>Built for tries of millions of nodes: an open-addressing table (linear probing, load factor at
 * most 1/2) holding each key array and its value array side by side in one {@code Object[]}, so a
 * lookup reads one slot's cache line and the key and value arrays (allocated together by the trie
 * that committed them), instead of a {@code HashMap} entry, a {@code Bytes} object and its array;
 * and the garbage collector sees one array instead of millions of entry and key objects. The slot
 * index comes from the key's first 8 bytes, uniformly distributed for keccak256 hashes; other keys
 * remain correct (a hit always compares the whole key) but may probe longer.
 */
public final class InMemoryNodeStore implements NodeStore {
    private static final int INITIAL_CAPACITY = 1 << 10;

    /** Slot {@code s}: key at {@code 2s}, value at {@code 2s + 1}; a null key marks an empty slot. */
    private Object[] table = new Object[2 * INITIAL_CAPACITY];
    private int size;

    @Override
    public byte[] get(Bytes hash) {
        return get(hash.unsafeArray());
    }

    /** Same as {@link #get(Bytes)}; {@code hash} is only read. */
    @Override
    public byte[] get(byte[] hash) {
        Object[] t = table;
        int i = find(t, hash);
        return (byte[]) t[i + 1];
    }

    /** Stores every entry; an existing key gets the new value (nodes are immutable, so it is the same). */
    public void putAll(Map<Bytes, byte[]> batch) {
        ensureCapacity(size + batch.size());
        for (Map.Entry<Bytes, byte[]> e : batch.entrySet()) {
            put(e.getKey().unsafeArray(), Objects.requireNonNull(e.getValue(), "node encoding"));
        }
    }

    public void apply(TrieCommit commit) {
        putAll(commit.newNodes());
    }

    public int size() {
        return size;
    }

    private void put(byte[] key, byte[] value) {
        Object[] t = table;
        int i = find(t, key);
        if (t[i] == null) {
            t[i] = key;
            size++;
        }
        t[i + 1] = value;
    }

    /** The index of the key's slot in {@code t}, or of the empty slot where it belongs. */
    private static int find(Object[] t, byte[] key) {
        int mask = t.length - 2;
        int i = (index(key) << 1) & mask;
        while (true) {
            Object k = t[i];
            if (k == null || Arrays.equals((byte[]) k, key)) {
                return i;
            }
            i = (i + 2) & mask;
        }
    }

    /** Keeps the load factor at most 1/2, so probe sequences stay short. */
    private void ensureCapacity(int entries) {
        int slots = table.length / 2;
        while ((long) entries * 2 > slots) {
            if (slots >= 1 << 29) {
                throw new IllegalStateException("in-memory node store full");
            }
            slots <<= 1;
        }
        if (slots != table.length / 2) {
            Object[] old = table;
            table = new Object[2 * slots];
            size = 0;
            for (int i = 0; i < old.length; i += 2) {
                if (old[i] != null) {
                    put((byte[]) old[i], (byte[]) old[i + 1]);
                }
            }
        }
    }

    /** Slot index bits from the key's first 8 bytes (zero-padded) and its length, mixed. */
    private static int index(byte[] key) {
        long prefix = key.length;
        for (int b = 0, n = Math.min(Long.BYTES, key.length); b < n; b++) {
            prefix = (prefix << 8) | (key[b] & 0xFF);
        }
        long h = prefix * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }
}
