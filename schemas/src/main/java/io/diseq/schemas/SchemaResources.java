package io.diseq.schemas;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The JSON Schema documents shipped on the class path under {@code schemas/}. */
public final class SchemaResources {
    public static final String RAW_MESSAGE_RECORD = "raw-message-record.v1.schema.json";
    public static final String MESSAGE_RECORD = "message-record.v1.schema.json";
    public static final String REJECTED_RECORD = "rejected-record.v1.schema.json";
    public static final String PUBLISH_SUMMARY = "publish-summary.v1.schema.json";
    public static final String BLOCK_RECORD = "block-record.v1.schema.json";

    public static final List<String> ALL =
            List.of(RAW_MESSAGE_RECORD, MESSAGE_RECORD, REJECTED_RECORD, PUBLISH_SUMMARY, BLOCK_RECORD);

    private SchemaResources() {}

    /** The class-path location of a schema, e.g. {@code schemas/message-record.v1.schema.json}. */
    public static String path(String fileName) {
        return "schemas/" + fileName;
    }

    /** The schema's text. @throws IllegalArgumentException if there is no such schema */
    public static String read(String fileName) {
        try (InputStream in = SchemaResources.class.getClassLoader().getResourceAsStream(path(fileName))) {
            if (in == null) {
                throw new IllegalArgumentException("no schema " + path(fileName) + " on the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
