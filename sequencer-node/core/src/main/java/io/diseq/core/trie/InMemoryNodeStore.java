package io.diseq.core.trie;

import io.diseq.core.crypto.Keccak256;
import io.diseq.core.util.Bytes;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link NodeStore} in memory, for blocks' message tries, tests, benchmarks and the simulator.
 * Nodes are content-addressed and immutable, so storing a hash that is already present keeps the
 * stored node. {@link #get} returns a fresh copy. Not thread-safe.
 *
 * <p>Layout, chosen because a large trie's updates are bound by memory latency and garbage
 * collection, not arithmetic (docs/benchmarks.md): node hashes (32 bytes) live in an
 * open-addressing table (linear probing, at most half full) of five {@code long}s per slot, the
 * key's four words and the node's location, and encodings are appended to a few large byte
 * arrays. A lookup is one cache miss for the slot and one run of misses for the bytes, with no
 * object per node for the collector to trace, and storing a node writes no reference (so the
 * collector's write barrier and remembered sets are not involved). Keys of any other length,
 * which a trie never produces, go to a plain map.
 */
public final class InMemoryNodeStore implements NodeStore {
    private static final VarHandle WORD = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final int KEY_WORDS = Keccak256.LENGTH / Long.BYTES;
    private static final int SLOT_WORDS = KEY_WORDS + 1;
    private static final int FIRST_CHUNK = 4 << 10;
    private static final int MAX_CHUNK = 16 << 20;
    /** Encodings at least this long get a chunk of their own. */
    private static final int OWN_CHUNK = 1 << 20;
    private static final int LENGTH_BITS = 20;
    private static final int OFFSET_BITS = 24;

    /**
     * Slot i: key words at [5i, 5i + 4), location at 5i + 4, which is 0 for an empty slot, else
     * (chunk + 1) << 44 | offset << 20 | length, with length 0 meaning "the whole chunk".
     */
    private long[] table;
    private int slots;
    private int size;
    private final List<byte[]> chunks = new ArrayList<>();
    /** The chunk that small encodings are appended to, its index in {@link #chunks} and its fill. */
    private byte[] open;
    private int openIndex;
    private int openFill;
    private final Map<Bytes, byte[]> otherLengths = new HashMap<>();

    public InMemoryNodeStore() {
        allocate(64);
    }

    @Override
    public byte[] get(Bytes hash) {
        byte[] key = hash.unsafeArray();
        if (key.length != Keccak256.LENGTH) {
            byte[] other = otherLengths.get(hash);
            return other == null ? null : other.clone();
        }
        long location = table[slot(key) * SLOT_WORDS + KEY_WORDS];
        return location == 0 ? null : read(location);
    }

    /** Stores every entry. */
    public void putAll(Map<Bytes, byte[]> batch) {
        for (Map.Entry<Bytes, byte[]> e : batch.entrySet()) {
            put(e.getKey().unsafeArray(), e.getValue());
        }
    }

    /** Stores a commit's new nodes (straight from the trie's batch when it built one: no map view needed). */
    public void apply(TrieCommit commit) {
        if (commit.newNodes() instanceof NodeBatch nodes) {
            nodes.forEachNode(this::put);
        } else {
            putAll(commit.newNodes());
        }
    }

    public int size() {
        return size + otherLengths.size();
    }

    private void put(byte[] key, byte[] encoding) {
        if (key.length != Keccak256.LENGTH) {
            otherLengths.putIfAbsent(Bytes.of(key), encoding.clone());
            return;
        }
        int at = slot(key) * SLOT_WORDS;
        if (table[at + KEY_WORDS] != 0) {
            return;
        }
        for (int w = 0; w < KEY_WORDS; w++) {
            table[at + w] = word(key, w);
        }
        table[at + KEY_WORDS] = append(encoding);
        if (++size * 2 > slots) {
            grow();
        }
    }

    /** The slot holding {@code key}, or the empty slot where it belongs. */
    private int slot(byte[] key) {
        long w0 = word(key, 0);
        long w1 = word(key, 1);
        long w2 = word(key, 2);
        long w3 = word(key, 3);
        int mask = slots - 1;
        int slot = start(w0, w1, w2, w3) & mask;
        while (true) {
            int at = slot * SLOT_WORDS;
            if (table[at + KEY_WORDS] == 0
                    || table[at] == w0 && table[at + 1] == w1 && table[at + 2] == w2 && table[at + 3] == w3) {
                return slot;
            }
            slot = (slot + 1) & mask;
        }
    }

    /** All four words take part, so keys that share a prefix still spread (keccak hashes would not need it). */
    private static int start(long w0, long w1, long w2, long w3) {
        long h = (w0 * 0x9E3779B97F4A7C15L) ^ (w1 * 0xC2B2AE3D27D4EB4FL) ^ (w2 * 0x165667B19E3779F9L) ^ w3;
        return (int) (h ^ (h >>> 29));
    }

    private static long word(byte[] key, int w) {
        return (long) WORD.get(key, w * Long.BYTES);
    }

    /** Copies the encoding into the chunks; returns its location. */
    private long append(byte[] encoding) {
        int length = encoding.length;
        if (length == 0 || length >= OWN_CHUNK) {
            chunks.add(encoding.clone());
            return location(chunks.size() - 1, 0, 0);
        }
        if (open == null || openFill + length > open.length) {
            int grown = open == null ? FIRST_CHUNK : Math.min(MAX_CHUNK, open.length * 2);
            open = new byte[Math.max(length, grown)];
            chunks.add(open);
            openIndex = chunks.size() - 1;
            openFill = 0;
        }
        System.arraycopy(encoding, 0, open, openFill, length);
        long location = location(openIndex, openFill, length);
        openFill += length;
        return location;
    }

    private static long location(int chunk, int offset, int length) {
        return (long) (chunk + 1) << (OFFSET_BITS + LENGTH_BITS) | (long) offset << LENGTH_BITS | length;
    }

    private byte[] read(long location) {
        byte[] chunk = chunks.get((int) (location >>> (OFFSET_BITS + LENGTH_BITS)) - 1);
        int length = (int) (location & ((1L << LENGTH_BITS) - 1));
        if (length == 0) {
            return chunk.clone();
        }
        int offset = (int) ((location >>> LENGTH_BITS) & ((1L << OFFSET_BITS) - 1));
        return Arrays.copyOfRange(chunk, offset, offset + length);
    }

    private void allocate(int slotCount) {
        slots = slotCount;
        table = new long[slotCount * SLOT_WORDS];
    }

    private void grow() {
        long[] old = table;
        int oldSlots = slots;
        allocate(oldSlots * 2);
        int mask = slots - 1;
        for (int i = 0; i < oldSlots; i++) {
            int from = i * SLOT_WORDS;
            if (old[from + KEY_WORDS] == 0) {
                continue;
            }
            int slot = start(old[from], old[from + 1], old[from + 2], old[from + 3]) & mask;
            while (table[slot * SLOT_WORDS + KEY_WORDS] != 0) {
                slot = (slot + 1) & mask;
            }
            System.arraycopy(old, from, table, slot * SLOT_WORDS, SLOT_WORDS);
        }
    }
}
