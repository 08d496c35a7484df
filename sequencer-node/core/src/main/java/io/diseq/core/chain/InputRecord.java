package io.diseq.core.chain;

import io.diseq.core.crypto.Keccak256;
import io.diseq.core.util.Bytes;

/** One record of the input topic as the validator's reader holds it (docs/protocol.md §7.11). */
public record InputRecord(int partition, long offset, Bytes payload) {
    /** The message id: keccak256 of the payload. */
    public Bytes messageId() {
        return Bytes.wrap(Keccak256.hash(payload.unsafeArray()));
    }
}
