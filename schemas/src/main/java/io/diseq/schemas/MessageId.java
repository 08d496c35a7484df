package io.diseq.schemas;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * A message id: keccak256 of the message bytes (docs/protocol.md §2), 32 bytes. This module does
 * not compute it (it does not depend on diseq-core); producers of ids use
 * {@code io.diseq.core.crypto.Keccak256}. Immutable, value equality, lowercase hex {@link #toString()}.
 */
public final class MessageId {
    public static final int LENGTH = 32;

    private final byte[] bytes;

    private MessageId(byte[] bytes) {
        this.bytes = bytes;
    }

    /** Copies the array; it must be exactly {@value #LENGTH} bytes. */
    public static MessageId of(byte[] bytes) {
        if (bytes == null || bytes.length != LENGTH) {
            throw new IllegalArgumentException("a message id is " + LENGTH + " bytes, got "
                    + (bytes == null ? "null" : bytes.length));
        }
        return new MessageId(bytes.clone());
    }

    public static MessageId fromHex(String hex) {
        String digits = hex.startsWith("0x") ? hex.substring(2) : hex;
        return of(HexFormat.of().parseHex(digits));
    }

    /** A copy of the 32 bytes. */
    public byte[] toBytes() {
        return bytes.clone();
    }

    public String toHex() {
        return HexFormat.of().formatHex(bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MessageId other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return toHex();
    }
}
