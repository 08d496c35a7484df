package io.diseq.node.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Set;

/**
 * The node's OpenAPI document (schemas/openapi/diseq-node-v1.yaml, on the class path from the
 * diseq-schemas module) and validation of JSON bodies against its component schemas with networknt
 * json-schema-validator (OpenAPI 3.1 schemas are JSON Schema 2020-12).
 */
final class OpenApi {
    static final JsonNode DOCUMENT = load();

    private OpenApi() {
    }

    private static JsonNode load() {
        try (InputStream in = OpenApi.class.getClassLoader().getResourceAsStream("openapi/diseq-node-v1.yaml")) {
            assertThat(in).as("openapi/diseq-node-v1.yaml on the class path").isNotNull();
            return new ObjectMapper(new YAMLFactory()).readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Validation errors of {@code body} against {@code #/components/schemas/<name>}. */
    static Set<ValidationMessage> validate(String schemaName, JsonNode body) {
        assertThat(DOCUMENT.at("/components/schemas/" + schemaName).isMissingNode()).as(schemaName).isFalse();
        ObjectNode root = new ObjectMapper().createObjectNode();
        root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        root.put("$ref", "#/components/schemas/" + schemaName);
        root.set("components", DOCUMENT.get("components"));
        JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(root);
        return schema.validate(body);
    }

    static void assertValid(String schemaName, JsonNode body) {
        assertThat(validate(schemaName, body)).as(schemaName + ": " + body).isEmpty();
    }
}
