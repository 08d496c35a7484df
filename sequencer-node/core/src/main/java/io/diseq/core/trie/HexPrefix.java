package io.diseq.core.trie;

/**
 * Hex-prefix encoding of a nibble path with a leaf flag (Yellow Paper appendix C; docs/protocol.md
 * §6.1). The first nibble is the flag: 0/1 extension with an even/odd path, 2/3 leaf with an
 * even/odd path; an odd path's first nibble shares the flag byte, an even path pads it with 0.
 */
public final class HexPrefix {
    private HexPrefix() {}

    /** A decoded hex-prefix path. */
    public record Path(byte[] nibbles, boolean leaf) {}

    public static byte[] encode(byte[] nibbles, boolean leaf) {
        byte[] out = new byte[nibbles.length / 2 + 1];
        write(nibbles, leaf, out, 0);
        return out;
    }

    /** Writes the {@code nibbles.length / 2 + 1} bytes of the encoding at {@code pos}; returns the position after them. */
    static int write(byte[] nibbles, boolean leaf, byte[] out, int pos) {
        int flag = (leaf ? 2 : 0) + (nibbles.length & 1);
        int i = 0;
        if ((nibbles.length & 1) == 1) {
            out[pos] = (byte) ((flag << 4) | nibbles[0]);
            i = 1;
        } else {
            out[pos] = (byte) (flag << 4);
        }
        int end = pos + nibbles.length / 2 + 1;
        for (int o = pos + 1; o < end; o++, i += 2) {
            out[o] = (byte) ((nibbles[i] << 4) | nibbles[i + 1]);
        }
        return end;
    }

    /**
     * Strict decoding: the flag must be 0..3 and an even path's padding nibble must be 0; returns
     * {@code null} otherwise, so callers can report a malformed node without an exception.
     */
    public static Path decode(byte[] encoded) {
        return decode(encoded, 0, encoded.length);
    }

    /** {@link #decode(byte[])} of {@code length} bytes of {@code buf} from {@code offset}. */
    public static Path decode(byte[] buf, int offset, int length) {
        if (length == 0) {
            return null;
        }
        int first = buf[offset];
        int flag = (first >> 4) & 0x0f;
        boolean odd = (flag & 1) == 1;
        if (flag > 3 || (!odd && (first & 0x0f) != 0)) {
            return null;
        }
        byte[] nibbles = new byte[(length - 1) * 2 + (odd ? 1 : 0)];
        int n = 0;
        if (odd) {
            nibbles[n++] = (byte) (first & 0x0f);
        }
        for (int i = offset + 1; i < offset + length; i++) {
            nibbles[n++] = (byte) ((buf[i] >> 4) & 0x0f);
            nibbles[n++] = (byte) (buf[i] & 0x0f);
        }
        return new Path(nibbles, flag >= 2);
    }
}
