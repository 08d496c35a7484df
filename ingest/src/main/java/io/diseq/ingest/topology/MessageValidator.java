package io.diseq.ingest.topology;

import io.diseq.core.crypto.Keccak256;
import io.diseq.schemas.IngestRejectCode;
import io.diseq.schemas.MessageId;
import io.diseq.schemas.MessageLimits;

/**
 * The raw-record rules of docs/ingest.md §Validation: a message is 1 to {@code maxMessageBytes}
 * bytes; its id is keccak256 of its bytes; a producer may key the raw record with that id (the
 * client does, so equal messages land on the same raw partition), and any other 32-byte key is
 * refused rather than silently replaced.
 */
public final class MessageValidator implements MessageCheck {
    private final int maxMessageBytes;

    public MessageValidator(int maxMessageBytes) {
        if (maxMessageBytes < MessageLimits.MIN_MESSAGE_BYTES) {
            throw new IllegalArgumentException("maxMessageBytes must be at least 1, got " + maxMessageBytes);
        }
        this.maxMessageBytes = maxMessageBytes;
    }

    @Override
    public Verdict check(MessageId key, byte[] value) {
        if (value == null) {
            return new Verdict.Reject(IngestRejectCode.NULL_VALUE, "the record has no value (tombstone)");
        }
        if (value.length < MessageLimits.MIN_MESSAGE_BYTES) {
            return new Verdict.Reject(IngestRejectCode.EMPTY, "a message is at least 1 byte");
        }
        if (value.length > maxMessageBytes) {
            return new Verdict.Reject(IngestRejectCode.OVERSIZED,
                    "message is " + value.length + " bytes, the maximum is " + maxMessageBytes);
        }
        MessageId id = MessageId.of(Keccak256.hash(value));
        if (key != null && !key.equals(id)) {
            return new Verdict.Reject(IngestRejectCode.KEY_MISMATCH,
                    "key " + key.toHex() + " is not keccak256 of the value (" + id.toHex() + ")");
        }
        return new Verdict.Accept(id);
    }
}
