package io.diseq.schemas;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The key serde of the message topics: the raw 32 bytes of a {@link MessageId}, no framing.
 * A null key stays null (the raw topic allows null keys). Any other length is a
 * {@link SerializationException}: on the raw topic ingest dead-letters such a record with
 * {@link IngestRejectCode#MALFORMED_KEY}.
 */
public final class MessageIdSerde implements Serde<MessageId> {

    @Override
    public Serializer<MessageId> serializer() {
        return (topic, id) -> id == null ? null : id.toBytes();
    }

    @Override
    public Deserializer<MessageId> deserializer() {
        return (topic, data) -> {
            if (data == null) {
                return null;
            }
            if (data.length != MessageId.LENGTH) {
                throw new SerializationException("record key on " + topic + " must be a "
                        + MessageId.LENGTH + "-byte message id or null, got " + data.length + " bytes");
            }
            return MessageId.of(data);
        };
    }
}
