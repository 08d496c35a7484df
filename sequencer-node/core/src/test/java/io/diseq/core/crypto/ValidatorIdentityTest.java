package io.diseq.core.crypto;

import static io.diseq.core.crypto.ValidatorKeysTest.SIGNING_PK;
import static io.diseq.core.crypto.ValidatorKeysTest.VRF_PK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.diseq.core.crypto.KeyFileException.Problem;
import io.diseq.core.util.Hex;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The public identity line printed by keygen (docs/protocol.md §3.4). */
@Tag("unit")
class ValidatorIdentityTest {
    static final String LINE = "diseq-validator-v1 " + SIGNING_PK + " " + VRF_PK;

    @Test
    void formatIsExactAndRoundTrips() {
        ValidatorIdentity id = new ValidatorIdentity(Hex.decode(SIGNING_PK), Hex.decode(VRF_PK));
        assertThat(id.format()).isEqualTo(LINE);
        assertThat(ValidatorIdentity.parse(LINE)).isEqualTo(id);
        assertThat(ValidatorKeys.parseKeyFile(ValidatorKeysTest.GOLDEN).identity()).isEqualTo(id);
    }

    static Stream<Arguments> malformed() {
        String smallOrder = EcvrfRejectionTest.SMALL_ORDER_POINTS.get(4);
        String offCurve = Hex.encode(EcvrfRejectionTest.firstEncodingOffTheCurve());
        return Stream.of(
                Arguments.of("", Problem.EMPTY),
                Arguments.of(LINE + "\n", Problem.HEX),
                Arguments.of(" " + LINE, Problem.NOT_AN_IDENTITY),
                Arguments.of(LINE.replace(" " + VRF_PK, "  " + VRF_PK), Problem.NOT_AN_IDENTITY),
                Arguments.of(LINE.replace("-v1", "-v2"), Problem.NOT_AN_IDENTITY),
                Arguments.of("diseq-validator-v1 " + SIGNING_PK, Problem.NOT_AN_IDENTITY),
                Arguments.of(LINE.replace(VRF_PK, VRF_PK.toUpperCase()), Problem.HEX),
                Arguments.of(LINE.replace(VRF_PK, VRF_PK.substring(2)), Problem.HEX),
                Arguments.of(LINE.replace(VRF_PK, smallOrder), Problem.INVALID_PUBLIC_KEY),
                Arguments.of(LINE.replace(SIGNING_PK, offCurve), Problem.INVALID_PUBLIC_KEY),
                Arguments.of(LINE.replace(SIGNING_PK, "01" + "00".repeat(31)), Problem.INVALID_PUBLIC_KEY));
    }

    @ParameterizedTest
    @MethodSource("malformed")
    void malformedIdentitiesAreRejected(String line, Problem problem) {
        assertThatThrownBy(() -> ValidatorIdentity.parse(line))
                .isInstanceOfSatisfying(KeyFileException.class, e -> assertThat(e.problem()).isEqualTo(problem));
    }
}
