package io.diseq.ingest.topology;

import io.diseq.schemas.MessageId;

/** Decides whether a raw record is a message. Implementations are pure and thread-safe. */
@FunctionalInterface
public interface MessageCheck {
    /**
     * @param key   the raw record's key, already deserialized: null or a 32-byte id
     * @param value the raw record's value, possibly null
     */
    Verdict check(MessageId key, byte[] value);
}
