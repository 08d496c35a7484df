package io.diseq.core.trie;

import java.util.Arrays;

/** Nibble paths (docs/protocol.md §6.1): one nibble (0..15) per byte, high nibble of each key byte first. */
final class Nibbles {
    static final byte[] EMPTY = new byte[0];

    private Nibbles() {}

    static byte[] of(byte[] key) {
        byte[] out = new byte[key.length * 2];
        for (int i = 0; i < key.length; i++) {
            out[2 * i] = (byte) ((key[i] >> 4) & 0x0f);
            out[2 * i + 1] = (byte) (key[i] & 0x0f);
        }
        return out;
    }

    /** Length of the common prefix of {@code a} and {@code b[from..]}. */
    static int commonPrefix(byte[] a, byte[] b, int from) {
        int max = Math.min(a.length, b.length - from);
        int i = 0;
        while (i < max && a[i] == b[from + i]) {
            i++;
        }
        return i;
    }

    static byte[] slice(byte[] path, int from, int to) {
        return from == to ? EMPTY : Arrays.copyOfRange(path, from, to);
    }

    static byte[] tail(byte[] path, int from) {
        return slice(path, from, path.length);
    }

    static byte[] prepend(int nibble, byte[] path) {
        byte[] out = new byte[path.length + 1];
        out[0] = (byte) nibble;
        System.arraycopy(path, 0, out, 1, path.length);
        return out;
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
