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
        int flag = (leaf ? 2 : 0) + (nibbles.length & 1);
        byte[] out = new byte[nibbles.length / 2 + 1];
        int i = 0;
        if ((nibbles.length & 1) == 1) {
            out[0] = (byte) ((flag << 4) | nibbles[0]);
            i = 1;
        } else {
            out[0] = (byte) (flag << 4);
        }
        for (int o = 1; o < out.length; o++, i += 2) {
            out[o] = (byte) ((nibbles[i] << 4) | nibbles[i + 1]);
        }
        return out;
    }

    /**
     * Strict decoding: the flag must be 0..3 and an even path's padding nibble must be 0; returns
     * {@code null} otherwise, so callers can report a malformed node without an exception.
     */
    public static Path decode(byte[] encoded) {
        if (encoded.length == 0) {
            return null;
        }
        int flag = (encoded[0] >> 4) & 0x0f;
        boolean odd = (flag & 1) == 1;
        if (flag > 3 || (!odd && (encoded[0] & 0x0f) != 0)) {
            return null;
        }
        byte[] nibbles = new byte[(encoded.length - 1) * 2 + (odd ? 1 : 0)];
        int n = 0;
        if (odd) {
            nibbles[n++] = (byte) (encoded[0] & 0x0f);
        }
        for (int i = 1; i < encoded.length; i++) {
            nibbles[n++] = (byte) ((encoded[i] >> 4) & 0x0f);
            nibbles[n++] = (byte) (encoded[i] & 0x0f);
        }
        return new Path(nibbles, flag >= 2);
    }
}
