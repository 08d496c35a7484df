package io.diseq.node.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.diseq.core.util.Hex;
import io.diseq.node.http.ApiException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import org.junit.jupiter.api.Tag;

/**
 * Coverage-guided fuzzing (Jazzer, docs/fuzzing.md) of REST path and query parameter parsing: any
 * string gives a value or an {@link ApiException} with its stable 400 code, nothing else, and what is
 * accepted is exactly the value's one spelling (a height's decimal, a message id's hex) or, for a
 * cursor, a height the API would issue again. Input framing: byte 0 picks the parameter (mod 5), the
 * rest is the value as UTF-8. Regression inputs: {@code ParamsFuzzTestInputs/parse/}.
 */
@Tag("unit")
class ParamsFuzzTest {

    @FuzzTest(maxDuration = "2m")
    void parse(byte[] input) {
        if (input.length == 0) {
            return;
        }
        String value = new String(Arrays.copyOfRange(input, 1, input.length), StandardCharsets.UTF_8);
        try {
            switch (Math.floorMod(input[0], 5)) {
                case 0 -> assertThat(Long.toString(Params.height(value))).isEqualTo(value);
                case 1 -> assertThat(Params.limit(value)).isBetween(1, Params.MAX_LIMIT);
                case 2 -> assertThat(Params.messageId(value).toHex()).isEqualTo(value.toLowerCase(Locale.ROOT));
                case 3 -> assertThat(Hex.encode(Params.hex(value)))
                        .isEqualTo(value.replaceFirst("^0x", "").toLowerCase(Locale.ROOT));
                default -> {
                    long height = Params.fromCursor(value);
                    assertThat(height).isNotNegative();
                    assertThat(Params.fromCursor(Params.cursor(height))).isEqualTo(height);
                }
            }
        } catch (ApiException rejected) {
            assertThat(rejected.code()).isNotNull();
        }
    }
}
