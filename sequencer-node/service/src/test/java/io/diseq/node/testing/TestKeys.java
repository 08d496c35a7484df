package io.diseq.node.testing;

import io.diseq.core.crypto.ValidatorKeys;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The public test validators v0..v3 of src/test/resources/keys (also in config-example.yml). */
public final class TestKeys {
    private TestKeys() {
    }

    public static ValidatorKeys validator(int index) {
        try (InputStream in = TestKeys.class.getResourceAsStream("/keys/v" + index + ".key")) {
            return ValidatorKeys.parseKeyFile(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
