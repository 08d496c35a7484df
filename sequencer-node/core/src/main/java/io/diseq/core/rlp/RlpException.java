package io.diseq.core.rlp;

/**
 * A rejected RLP input (docs/protocol.md §5). RLP arrives from peers and clients, so a malformed
 * encoding is an expected condition; the {@link Code} is stable and may appear on the wire and in
 * metrics. Decoding never throws anything else for any input.
 */
public final class RlpException extends RuntimeException {
    /** Stable rejection codes; never rename, only add. */
    public enum Code {
        EMPTY_INPUT,
        TRUNCATED,
        TRAILING_BYTES,
        NON_CANONICAL_LENGTH,
        NON_CANONICAL_SINGLE_BYTE,
        LEADING_ZERO_INTEGER,
        INTEGER_TOO_LARGE,
        LENGTH_TOO_LARGE,
        TOO_DEEP,
        EXPECTED_STRING,
        EXPECTED_LIST,
        WRONG_ARITY,
        /** A string of a fixed expected length (e.g. a 32-byte hash) had another length. */
        WRONG_LENGTH,
        /** A text field (e.g. a chain id) is not well-formed UTF-8. */
        INVALID_UTF8,
        /**
         * Every field has its shape but the value breaks a rule of its type (e.g. a header's ranges not
         * strictly ascending by partition, an empty offset range).
         */
        INVALID_VALUE
    }

    private final Code code;

    public RlpException(Code code, String detail) {
        super(code + ": " + detail, null, false, false);
        this.code = code;
    }

    public Code code() {
        return code;
    }
}
