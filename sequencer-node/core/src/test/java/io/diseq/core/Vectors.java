package io.diseq.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Loads the external acceptance vectors copied into test resources (see VECTORS-README.md). */
public final class Vectors {
    private static JsonNode root;

    private Vectors() {}

    public static synchronized JsonNode root() {
        if (root == null) {
            try (InputStream in = Vectors.class.getResourceAsStream("/vectors.json")) {
                if (in == null) {
                    throw new IllegalStateException("vectors.json missing from test resources");
                }
                root = new ObjectMapper().readTree(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return root;
    }

    public static JsonNode get(String... path) {
        JsonNode node = root();
        for (String p : path) {
            node = node.path(p);
            if (node.isMissingNode()) {
                throw new IllegalStateException("no vector group " + String.join(".", path));
            }
        }
        return node;
    }
}
