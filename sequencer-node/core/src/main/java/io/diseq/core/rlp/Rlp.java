package io.diseq.core.rlp;

import java.math.BigInteger;
import java.util.List;

/**
 * Recursive Length Prefix encoding exactly as Ethereum (Yellow Paper appendix B), with the strict
 * decoding rules of docs/protocol.md §5.1: every accepted input is the unique canonical encoding of
 * its item, so {@code decode(x).encoded()} equals {@code x} byte for byte.
 */
public final class Rlp {
    /** Items nested deeper than this are rejected with {@link RlpException.Code#TOO_DEEP}. */
    public static final int MAX_DEPTH = 64;

    static final int SHORT_STRING = 0x80;
    static final int LONG_STRING = 0xb7;
    static final int SHORT_LIST = 0xc0;
    static final int LONG_LIST = 0xf7;
    static final int SHORT_MAX = 55;

    private static final byte[] EMPTY_STRING = {(byte) SHORT_STRING};

    private Rlp() {}

    /** A byte string item: a single byte below 0x80 is its own encoding, else length prefix + bytes. */
    public static byte[] encodeBytes(byte[] bytes) {
        byte[] out = new byte[stringLength(bytes)];
        writeString(bytes, out, 0);
        return out;
    }

    /** Length of {@link #encodeBytes}{@code (bytes)}, for callers that write it into a larger array. */
    public static int stringLength(byte[] bytes) {
        return bytes.length == 1 && (bytes[0] & 0xff) < SHORT_STRING ? 1 : headerLength(bytes.length) + bytes.length;
    }

    /** Writes {@link #encodeBytes}{@code (bytes)} at {@code pos}; returns the position after it. */
    public static int writeString(byte[] bytes, byte[] out, int pos) {
        if (bytes.length == 1 && (bytes[0] & 0xff) < SHORT_STRING) {
            out[pos] = bytes[0];
            return pos + 1;
        }
        int at = writeHeader(out, pos, SHORT_STRING, bytes.length);
        System.arraycopy(bytes, 0, out, at, bytes.length);
        return at + bytes.length;
    }

    /** An unsigned integer as its minimal big-endian bytes (zero is the empty string, 0x80). */
    public static byte[] encodeLong(long value) {
        if (value < 0) {
            throw new IllegalArgumentException("RLP integers are unsigned: " + value);
        }
        if (value == 0) {
            return EMPTY_STRING.clone();
        }
        if (value < SHORT_STRING) {
            return new byte[] {(byte) value};
        }
        int len = byteLength(value);
        byte[] out = new byte[1 + len];
        out[0] = (byte) (SHORT_STRING + len);
        writeBigEndian(out, 1, value, len);
        return out;
    }

    /** A non-negative integer of any size as its minimal big-endian bytes. */
    public static byte[] encodeBigInteger(BigInteger value) {
        if (value.signum() < 0) {
            throw new IllegalArgumentException("RLP integers are unsigned: " + value);
        }
        byte[] twos = value.toByteArray();
        int skip = twos[0] == 0 ? 1 : 0;
        byte[] minimal = new byte[twos.length - skip];
        System.arraycopy(twos, skip, minimal, 0, minimal.length);
        return encodeBytes(minimal);
    }

    /** A list of items that are already RLP-encoded (they are concatenated, not re-encoded). */
    public static byte[] encodeList(byte[]... encodedItems) {
        return encodeList(List.of(encodedItems));
    }

    public static byte[] encodeList(List<byte[]> encodedItems) {
        int payload = 0;
        for (byte[] item : encodedItems) {
            payload = Math.addExact(payload, item.length);
        }
        byte[] out = new byte[headerLength(payload) + payload];
        int pos = writeHeader(out, 0, SHORT_LIST, payload);
        for (byte[] item : encodedItems) {
            System.arraycopy(item, 0, out, pos, item.length);
            pos += item.length;
        }
        return out;
    }

    /**
     * Strictly decodes exactly one item that spans the whole input. Any malformed or non-canonical
     * input raises {@link RlpException} with a stable code; nothing else is ever thrown.
     */
    public static RlpItem decode(byte[] input) {
        return RlpDecoder.decodeWhole(input);
    }

    /** Bytes of the header for a payload of {@code length} bytes (string or list). */
    public static int headerLength(int length) {
        return length <= SHORT_MAX ? 1 : 1 + byteLength(length);
    }

    /**
     * Writes a string ({@code base} 0x80) or list ({@code base} 0xc0) header for a payload of
     * {@code length} bytes at {@code pos}; returns the position after it.
     */
    public static int writeHeader(byte[] out, int pos, int base, int length) {
        if (length <= SHORT_MAX) {
            out[pos] = (byte) (base + length);
            return pos + 1;
        }
        int len = byteLength(length);
        out[pos] = (byte) (base + SHORT_MAX + len);
        writeBigEndian(out, pos + 1, length, len);
        return pos + 1 + len;
    }

    static int byteLength(long value) {
        return (64 - Long.numberOfLeadingZeros(value) + 7) / 8;
    }

    private static void writeBigEndian(byte[] out, int pos, long value, int len) {
        for (int i = len - 1; i >= 0; i--) {
            out[pos + i] = (byte) value;
            value >>>= 8;
        }
    }
}
