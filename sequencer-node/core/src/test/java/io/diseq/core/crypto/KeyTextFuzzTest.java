package io.diseq.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Tag;

/**
 * Coverage-guided fuzzing (Jazzer, docs/fuzzing.md) of the key file and identity line parsers
 * (docs/protocol.md §3.3–3.4): any text parses or is refused with a {@link KeyFileException} (a stable
 * {@link KeyFileException.Problem}), nothing else; accepted text is exactly what the keys print.
 * Regression inputs: {@code KeyTextFuzzTestInputs/<method>/}.
 */
@Tag("unit")
class KeyTextFuzzTest {

    @FuzzTest(maxDuration = "2m")
    void keyFile(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        ValidatorKeys keys;
        try {
            keys = ValidatorKeys.parseKeyFile(text);
        } catch (KeyFileException rejected) {
            assertThat(rejected.problem()).isNotNull();
            return;
        }
        assertThat(keys.toKeyFile()).as("canonical").isEqualTo(text);
    }

    @FuzzTest(maxDuration = "2m")
    void identity(byte[] input) {
        String line = new String(input, StandardCharsets.UTF_8);
        ValidatorIdentity identity;
        try {
            identity = ValidatorIdentity.parse(line);
        } catch (KeyFileException rejected) {
            assertThat(rejected.problem()).isNotNull();
            return;
        }
        assertThat(identity.format()).as("canonical").isEqualTo(line);
    }
}
