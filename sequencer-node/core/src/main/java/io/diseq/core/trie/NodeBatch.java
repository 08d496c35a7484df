package io.diseq.core.trie;

import io.diseq.core.util.Bytes;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * The nodes of one commit as an unmodifiable map from hash to encoding (the {@link TrieCommit}
 * contract), built for the commit's hot path. The trie appends nodes to two arrays and hands the
 * batch over; it may append the same node twice, because two identical subtrees hash alike. The
 * map view removes such duplicates the first time it is used, through an open-addressing table
 * whose slot comes from the first bytes of the keccak hash itself, so no {@link Bytes} is created
 * or hashed until a caller iterates or looks up. A store that takes the nodes through
 * {@link #forEachNode} (which tolerates a repeated node) never pays for the table at all. Iteration
 * is in insertion order, children before parents. Thread-safe once handed over.
 */
final class NodeBatch extends AbstractMap<Bytes, byte[]> {
    private byte[][] hashes;
    private byte[][] encodings;
    private int count;
    /**
     * Null until the map view is first used. Per slot, 0 if empty, else the hash's first four bytes
     * in the high half (compared before the hash itself is read) and the node's index + 1 in the
     * low half; the length is a power of two.
     */
    private long[] slots;

    NodeBatch(int expected) {
        int capacity = Math.max(4, expected);
        hashes = new byte[capacity][];
        encodings = new byte[capacity][];
    }

    /** Appends a node; only the trie calls this, before it hands the batch over. */
    void add(byte[] hash, byte[] encoding) {
        if (count == hashes.length) {
            hashes = Arrays.copyOf(hashes, count * 2);
            encodings = Arrays.copyOf(encodings, count * 2);
        }
        hashes[count] = hash;
        encodings[count] = encoding;
        count++;
    }

    /** Every node (hash, encoding) in insertion order, possibly one more than once; never modify the arrays. */
    synchronized void forEachNode(BiConsumer<byte[], byte[]> action) {
        for (int i = 0; i < count; i++) {
            action.accept(hashes[i], encodings[i]);
        }
    }

    /** Builds the table once, dropping repeated nodes from the arrays (keeping the first). */
    private synchronized void index() {
        if (slots != null) {
            return;
        }
        slots = new long[Integer.highestOneBit(Math.max(2, count) * 2 - 1) * 2];
        int kept = 0;
        for (int i = 0; i < count; i++) {
            int slot = find(hashes[i]);
            if (slots[slot] == 0) {
                hashes[kept] = hashes[i];
                encodings[kept] = encodings[i];
                slots[slot] = (long) start(hashes[i]) << 32 | ++kept;
            }
        }
        Arrays.fill(hashes, kept, count, null);
        Arrays.fill(encodings, kept, count, null);
        count = kept;
    }

    /** The slot holding {@code hash}, or the empty slot where it belongs. */
    private int find(byte[] hash) {
        int start = start(hash);
        int mask = slots.length - 1;
        int slot = start & mask;
        for (long e = slots[slot]; e != 0; e = slots[slot]) {
            if ((int) (e >>> 32) == start && Arrays.equals(hashes[(int) e - 1], hash)) {
                return slot;
            }
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    /** Keys are keccak hashes, uniformly distributed: their first four bytes spread them well enough. */
    private static int start(byte[] hash) {
        if (hash.length < 4) {
            return Arrays.hashCode(hash);
        }
        return (hash[0] & 0xff) | (hash[1] & 0xff) << 8 | (hash[2] & 0xff) << 16 | (hash[3] & 0xff) << 24;
    }

    @Override
    public int size() {
        index();
        return count;
    }

    @Override
    public byte[] get(Object key) {
        if (!(key instanceof Bytes b)) {
            return null;
        }
        index();
        long e = slots[find(b.unsafeArray())];
        return e == 0 ? null : encodings[(int) e - 1];
    }

    @Override
    public boolean containsKey(Object key) {
        return get(key) != null;
    }

    @Override
    public Set<Entry<Bytes, byte[]>> entrySet() {
        index();
        return new AbstractSet<>() {
            @Override
            public int size() {
                return count;
            }

            @Override
            public Iterator<Entry<Bytes, byte[]>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < count;
                    }

                    @Override
                    public Entry<Bytes, byte[]> next() {
                        if (next >= count) {
                            throw new NoSuchElementException();
                        }
                        int i = next++;
                        return new SimpleImmutableEntry<>(Bytes.wrap(hashes[i]), encodings[i]);
                    }
                };
            }
        };
    }
}
