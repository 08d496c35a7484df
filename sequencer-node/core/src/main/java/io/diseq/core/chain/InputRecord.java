package io.diseq.core.chain;

import io.diseq.core.crypto.Keccak256;
import io.diseq.core.util.Bytes;
import java.util.Objects;

/**
 * One record of the input topic as the validator's reader holds it (docs/protocol.md §7.11). A value:
 * equal records have the same partition, offset and payload. Not a record class only because the message
 * id is computed once and kept: every content walk over the record (proposer, judge, a walk repeated after
 * state-trie nodes arrived) needs it.
 */
public final class InputRecord {
    private final int partition;
    private final long offset;
    private final Bytes payload;
    private Bytes messageId;

    public InputRecord(int partition, long offset, Bytes payload) {
        this.partition = partition;
        this.offset = offset;
        this.payload = Objects.requireNonNull(payload, "payload");
    }

    public int partition() {
        return partition;
    }

    public long offset() {
        return offset;
    }

    public Bytes payload() {
        return payload;
    }

    /** The message id: keccak256 of the payload, computed on first use. */
    public Bytes messageId() {
        Bytes id = messageId;
        if (id == null) {
            id = Bytes.wrap(Keccak256.hash(payload.unsafeArray()));
            messageId = id;
        }
        return id;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof InputRecord r && partition == r.partition && offset == r.offset && payload.equals(r.payload);
    }

    @Override
    public int hashCode() {
        return Objects.hash(partition, offset, payload);
    }

    @Override
    public String toString() {
        return "InputRecord[partition=" + partition + ", offset=" + offset + ", payload=" + payload + "]";
    }
}
