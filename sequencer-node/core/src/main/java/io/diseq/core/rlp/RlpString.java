package io.diseq.core.rlp;

import io.diseq.core.util.Bytes;
import io.diseq.core.util.Hex;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * An RLP byte string. The array is copied on the way in and out, so the value is immutable.
 * The integer accessors apply the strict canonical rules of docs/protocol.md §5.1.
 *
 * <p>A final class with a record's surface (constructor, {@link #bytes()}, value equality) rather
 * than a record so that the decoder can hand over an array it has just copied out of the input
 * ({@link #owning}) instead of having it copied a second time: a record's every constructor ends in
 * the copying canonical one.
 */
public final class RlpString implements RlpItem {
    private final byte[] bytes;

    public RlpString(byte[] bytes) {
        this.bytes = bytes.clone();
    }

    /** Adopts {@code fresh} without copying; the flag only tells this constructor from the public one. */
    private RlpString(byte[] fresh, boolean adopt) {
        this.bytes = fresh;
    }

    /** Takes ownership of {@code fresh}: the caller must hold no other reference to it. */
    static RlpString owning(byte[] fresh) {
        return new RlpString(fresh, true);
    }

    /** A copy of the string's bytes. */
    public byte[] bytes() {
        return bytes.clone();
    }

    public int length() {
        return bytes.length;
    }

    public Bytes asBytes() {
        return Bytes.of(bytes);
    }

    /** Exactly 32 bytes (a keccak256 hash), else {@link RlpException.Code#WRONG_LENGTH}. */
    public Bytes asBytes32() {
        if (bytes.length != 32) {
            throw new RlpException(RlpException.Code.WRONG_LENGTH, "expected 32 bytes, got " + bytes.length);
        }
        return Bytes.of(bytes);
    }

    /** A canonical unsigned integer below 2^63: no leading zero byte, at most 8 bytes. */
    public long asLong() {
        rejectLeadingZero();
        if (bytes.length > 8 || (bytes.length == 8 && bytes[0] < 0)) {
            throw new RlpException(RlpException.Code.INTEGER_TOO_LARGE, bytes.length + "-byte integer");
        }
        long v = 0;
        for (byte b : bytes) {
            v = (v << 8) | (b & 0xff);
        }
        return v;
    }

    /**
     * A canonical unsigned integer below 2^31, for fields held in a Java {@code int} (rounds, indices,
     * counts, partitions): {@link RlpException.Code#INTEGER_TOO_LARGE} above that, like {@link #asLong}.
     */
    public int asInt() {
        long v = asLong();
        if (v > Integer.MAX_VALUE) {
            throw new RlpException(RlpException.Code.INTEGER_TOO_LARGE, v + " does not fit a 32-bit field");
        }
        return (int) v;
    }

    /**
     * The bytes as well-formed UTF-8 (docs/protocol.md §5.2), else {@link RlpException.Code#INVALID_UTF8}:
     * a lenient decoding would replace bad bytes with U+FFFD and re-encode to other bytes, so one string
     * would have two accepted encodings.
     */
    public String asUtf8() {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new RlpException(RlpException.Code.INVALID_UTF8, "string is not well-formed UTF-8");
        }
    }

    /** A canonical unsigned integer of any size: no leading zero byte (zero is the empty string). */
    public BigInteger asBigInteger() {
        rejectLeadingZero();
        return new BigInteger(1, bytes);
    }

    private void rejectLeadingZero() {
        if (bytes.length > 0 && bytes[0] == 0) {
            throw new RlpException(RlpException.Code.LEADING_ZERO_INTEGER, "integer starts with 0x00");
        }
    }

    @Override
    public RlpString asString() {
        return this;
    }

    @Override
    public RlpList asList() {
        throw new RlpException(RlpException.Code.EXPECTED_LIST, "item is a string");
    }

    @Override
    public byte[] encoded() {
        return Rlp.encodeBytes(bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RlpString s && Arrays.equals(bytes, s.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "RlpString[" + Hex.encode(bytes) + "]";
    }
}
