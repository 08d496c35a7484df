package io.diseq.schemas;

/**
 * Why ingest dead-lettered a raw record (docs/protocol.md §20, schemas/README.md). The wire form
 * ({@link #wire()}, the {@code diseq-reject-code} header and the {@code code} metric tag) is the
 * constant's name and never changes; new codes may be added, so consumers must accept unknown ones.
 */
public enum IngestRejectCode {
    /** The value is null (a tombstone): there is no message. */
    NULL_VALUE,
    /** The value is zero bytes long; a message is at least 1 byte. */
    EMPTY,
    /** The value is longer than the configured maximum (default 65536 bytes). */
    OVERSIZED,
    /** The key is neither null nor 32 bytes long (the record could not be deserialized). */
    MALFORMED_KEY,
    /** The key is 32 bytes but not keccak256 of the value. */
    KEY_MISMATCH,
    /** Processing the record threw unexpectedly; dead-lettered so the stream keeps going. */
    PROCESSING_ERROR;

    public String wire() {
        return name();
    }

    /** @throws IllegalArgumentException for a code this version does not know */
    public static IngestRejectCode fromWire(String wire) {
        return valueOf(wire);
    }
}
