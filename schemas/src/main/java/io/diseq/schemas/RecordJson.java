package io.diseq.schemas;

/**
 * The documented JSON views of the Kafka records (schemas/README.md; JSON Schemas in
 * {@link SchemaResources}). Tools that print records (the client's future {@code tail}, REST
 * answers) use these so that every printed record validates against its schema.
 */
public final class RecordJson {
    public static final String RAW_MESSAGE_V1 = "diseq.raw-message-record/1";
    public static final String MESSAGE_V1 = "diseq.message-record/1";
    public static final String REJECTED_V1 = "diseq.rejected-record/1";

    private RecordJson() {}

    /** A record of {@code <chain>.messages.raw}; the key may be null. */
    public static String rawMessage(RecordPosition at, byte[] key, byte[] value) {
        return position(RAW_MESSAGE_V1, at).hex("key", key).hex("value", value).toJson();
    }

    /** A record of {@code <chain>.messages}. */
    public static String message(RecordPosition at, MessageId id, byte[] value) {
        return position(MESSAGE_V1, at).string("id", id.toHex()).hex("value", value).toJson();
    }

    /** A record of {@code <chain>.messages.rejected}. */
    public static String rejected(RecordPosition at, RejectedRecord r) {
        JsonWriter source = new JsonWriter()
                .string("topic", r.sourceTopic())
                .number("partition", r.sourcePartition())
                .number("offset", r.sourceOffset());
        return position(REJECTED_V1, at)
                .string("code", r.code().wire())
                .string("detail", r.detail())
                .object("source", source)
                .hex("key", r.key())
                .hex("value", r.value())
                .toJson();
    }

    private static JsonWriter position(String schema, RecordPosition at) {
        return new JsonWriter()
                .string("schema", schema)
                .string("topic", at.topic())
                .number("partition", at.partition())
                .number("offset", at.offset())
                .number("timestampMs", at.timestampMs());
    }
}
