package io.diseq.core.trie;

import io.diseq.core.util.Bytes;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * The nodes of one commit as an unmodifiable map from hash to encoding (the {@link TrieCommit}
 * contract), built for the commit's hot path: nodes are appended to two arrays and de-duplicated
 * (two identical subtrees hash alike) through an open-addressing table of indexes whose slot comes
 * from the first bytes of the keccak hash itself, so no {@link Bytes} is created or hashed until a
 * caller iterates or looks up. Iteration is in insertion order (children before parents).
 */
final class NodeBatch extends AbstractMap<Bytes, byte[]> {
    private byte[][] hashes;
    private byte[][] encodings;
    private int size;
    /**
     * Per slot, 0 if empty, else the hash's first four bytes in the high half (compared before the
     * hash itself is read) and the node's index + 1 in the low half; the length is a power of two.
     */
    private long[] slots;

    NodeBatch(int expected) {
        int capacity = Math.max(4, expected);
        hashes = new byte[capacity][];
        encodings = new byte[capacity][];
        slots = new long[Integer.highestOneBit(capacity * 2 - 1) * 2];
    }

    /** Adds a node unless one with the same hash (hence the same encoding) is present. */
    void add(byte[] hash, byte[] encoding) {
        int slot = find(hash);
        if (slots[slot] != 0) {
            return;
        }
        if (size == hashes.length) {
            hashes = Arrays.copyOf(hashes, size * 2);
            encodings = Arrays.copyOf(encodings, size * 2);
        }
        hashes[size] = hash;
        encodings[size] = encoding;
        slots[slot] = entry(start(hash), ++size);
        if (size * 2 > slots.length) {
            rehash();
        }
    }

    /** The slot holding {@code hash}, or the empty slot where it belongs. */
    private int find(byte[] hash) {
        int start = start(hash);
        int mask = slots.length - 1;
        int slot = start & mask;
        for (long e = slots[slot]; e != 0; e = slots[slot]) {
            if ((int) (e >>> 32) == start && Arrays.equals(hashes[index(e)], hash)) {
                return slot;
            }
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    private static long entry(int start, int indexPlusOne) {
        return (long) start << 32 | indexPlusOne;
    }

    private static int index(long entry) {
        return (int) entry - 1;
    }

    /** Keys are keccak hashes, uniformly distributed: their first four bytes spread them well enough. */
    private static int start(byte[] hash) {
        if (hash.length < 4) {
            return Arrays.hashCode(hash);
        }
        return (hash[0] & 0xff) | (hash[1] & 0xff) << 8 | (hash[2] & 0xff) << 16 | (hash[3] & 0xff) << 24;
    }

    private void rehash() {
        slots = new long[slots.length * 2];
        for (int i = 0; i < size; i++) {
            slots[find(hashes[i])] = entry(start(hashes[i]), i + 1);
        }
    }

    @Override
    public int size() {
        return size;
    }

    /** The hash of the {@code i}-th node added (0 ≤ i < size); never modify it. */
    byte[] hashAt(int i) {
        return hashes[i];
    }

    /** The encoding of the {@code i}-th node added; never modify it. */
    byte[] encodingAt(int i) {
        return encodings[i];
    }

    @Override
    public byte[] get(Object key) {
        if (!(key instanceof Bytes b)) {
            return null;
        }
        long e = slots[find(b.unsafeArray())];
        return e == 0 ? null : encodings[index(e)];
    }

    @Override
    public boolean containsKey(Object key) {
        return get(key) != null;
    }

    @Override
    public Set<Entry<Bytes, byte[]>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public int size() {
                return size;
            }

            @Override
            public Iterator<Entry<Bytes, byte[]>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < size;
                    }

                    @Override
                    public Entry<Bytes, byte[]> next() {
                        if (next >= size) {
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
