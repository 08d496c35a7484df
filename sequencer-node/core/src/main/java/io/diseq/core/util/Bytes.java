package io.diseq.core.util;

import java.util.Arrays;

/**
 * An immutable byte string with value equality, unsigned lexicographic order and a hex
 * {@link #toString()}. Used for hashes (message ids, block ids, trie node hashes) as map keys.
 */
public final class Bytes implements Comparable<Bytes> {
    public static final Bytes EMPTY = new Bytes(new byte[0]);

    private final byte[] data;
    /** Arrays.hashCode of the content, computed on first use (wrapping a hash only to look it up
     * in a store that does not hash it costs nothing); 0 until then, and recomputed if it is 0. */
    private int hash;

    private Bytes(byte[] data) {
        this.data = data;
    }

    /** Copies the array. */
    public static Bytes of(byte[] data) {
        return new Bytes(data.clone());
    }

    /** Takes ownership of the array: the caller must never modify it afterwards. */
    public static Bytes wrap(byte[] data) {
        return new Bytes(data);
    }

    public static Bytes fromHex(String hex) {
        return new Bytes(Hex.decode(hex));
    }

    /** A copy of the content. */
    public byte[] toArray() {
        return data.clone();
    }

    /** The backing array, for read-only use on hot paths; never modify it. */
    public byte[] unsafeArray() {
        return data;
    }

    public int length() {
        return data.length;
    }

    public byte get(int i) {
        return data[i];
    }

    public String toHex() {
        return Hex.encode(data);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Bytes b && hashCode() == b.hashCode() && Arrays.equals(data, b.data);
    }

    @Override
    public int hashCode() {
        int h = hash;
        if (h == 0) {
            h = Arrays.hashCode(data);
            hash = h;
        }
        return h;
    }

    @Override
    public int compareTo(Bytes o) {
        return Arrays.compareUnsigned(data, o.data);
    }

    @Override
    public String toString() {
        return toHex();
    }
}
