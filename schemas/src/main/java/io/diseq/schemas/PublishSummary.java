package io.diseq.schemas;

/**
 * What {@code diseq-client publish --json} prints on stdout when it is done (schemas/README.md,
 * "Publish summary").
 *
 * @param firstError the first failure's message, or null when nothing failed
 */
public record PublishSummary(String topic, long sent, long failed, String firstError) {
    public static final String SCHEMA_V1 = "diseq.publish-summary/1";

    public String toJson() {
        return new JsonWriter()
                .string("schema", SCHEMA_V1)
                .string("topic", topic)
                .number("sent", sent)
                .number("failed", failed)
                .string("firstError", firstError)
                .toJson();
    }
}
