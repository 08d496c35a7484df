package io.diseq.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.diseq.core.crypto.KeyFileException.Problem;
import io.diseq.core.util.Hex;
import java.security.SecureRandom;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The validator key file codec (docs/protocol.md §3.3): golden text, round trip, every malformation. */
@Tag("unit")
class ValidatorKeysTest {
    // RFC 8032 TEST 1 and TEST 2 seeds and public keys.
    static final String SIGNING_SEED = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";
    static final String SIGNING_PK = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";
    static final String VRF_SEED = "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb";
    static final String VRF_PK = "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c";
    static final String GOLDEN = "diseq-validator-key v1\n"
            + "signing-seed: " + SIGNING_SEED + "\n"
            + "signing-public-key: " + SIGNING_PK + "\n"
            + "vrf-seed: " + VRF_SEED + "\n"
            + "vrf-public-key: " + VRF_PK + "\n";

    private static ValidatorKeys golden() {
        return ValidatorKeys.fromSeeds(Hex.decode(SIGNING_SEED), Hex.decode(VRF_SEED));
    }

    @Test
    void keyFileTextIsExactlyTheDocumentedFormat() {
        assertThat(golden().toKeyFile()).isEqualTo(GOLDEN);
        assertThat(ValidatorKeys.parseKeyFile(GOLDEN)).isEqualTo(golden());
    }

    @Test
    void generatedKeysRoundTripAndAreIndependent() {
        SecureRandom random = new SecureRandom();
        for (int i = 0; i < 5; i++) {
            ValidatorKeys keys = ValidatorKeys.generate(random);
            ValidatorKeys parsed = ValidatorKeys.parseKeyFile(keys.toKeyFile());
            assertThat(parsed).isEqualTo(keys);
            assertThat(parsed.signing().publicKey()).isEqualTo(keys.signing().publicKey());
            assertThat(parsed.vrfPublicKey()).isEqualTo(keys.vrfPublicKey());
            assertThat(keys.vrfSeed()).isNotEqualTo(keys.signing().seed());
        }
    }

    @Test
    void parsedKeysSignAndProve() {
        ValidatorKeys keys = ValidatorKeys.parseKeyFile(GOLDEN);
        byte[] msg = {1, 2, 3};
        assertThat(Ed25519.verify(keys.identity().signingPublicKey(), msg, keys.signing().sign(msg))).isTrue();
        assertThat(Ecvrf.verify(keys.identity().vrfPublicKey(), keys.proveVrf(msg), msg)).isPresent();
    }

    @Test
    void toStringShowsOnlyPublicKeys() {
        String s = golden().toString();
        assertThat(s).contains(SIGNING_PK).contains(VRF_PK).doesNotContain(SIGNING_SEED).doesNotContain(VRF_SEED);
    }

    static Stream<Arguments> malformations() {
        return Stream.of(
                bad("empty", t -> "", Problem.EMPTY),
                bad("CRLF line endings", t -> t.replace("\n", "\r\n"), Problem.LINE_ENDINGS),
                bad("no final newline", t -> t.substring(0, t.length() - 1), Problem.LINE_ENDINGS),
                bad("trailing blank line", t -> t + "\n", Problem.LINE_COUNT),
                bad("missing line", t -> t.replace("vrf-public-key: " + VRF_PK + "\n", ""), Problem.LINE_COUNT),
                bad("extra field", t -> t + "comment: x\n", Problem.LINE_COUNT),
                bad("other file", t -> t.replace("diseq-validator-key v1", "-----BEGIN PRIVATE KEY-----"),
                        Problem.NOT_A_KEY_FILE),
                bad("future version", t -> t.replace(" v1", " v2"), Problem.UNSUPPORTED_VERSION),
                bad("fields swapped", t -> t.replace("signing-seed: " + SIGNING_SEED + "\nsigning-public-key: "
                        + SIGNING_PK, "signing-public-key: " + SIGNING_PK + "\nsigning-seed: " + SIGNING_SEED),
                        Problem.FIELD),
                bad("no space after colon", t -> t.replace("vrf-seed: ", "vrf-seed:"), Problem.FIELD),
                bad("two spaces after colon", t -> t.replace("vrf-seed: ", "vrf-seed:  "), Problem.HEX),
                bad("trailing space", t -> t.replace(VRF_PK + "\n", VRF_PK + " \n"), Problem.HEX),
                bad("uppercase hex", t -> t.replace(VRF_SEED, VRF_SEED.toUpperCase()), Problem.HEX),
                bad("0x prefix", t -> t.replace(VRF_SEED, "0x" + VRF_SEED.substring(2)), Problem.HEX),
                bad("short seed", t -> t.replace(SIGNING_SEED, SIGNING_SEED.substring(2)), Problem.HEX),
                bad("non-hex digit", t -> t.replace(SIGNING_SEED, "g" + SIGNING_SEED.substring(1)), Problem.HEX),
                bad("corrupted signing seed", t -> t.replace(SIGNING_SEED, "8" + SIGNING_SEED.substring(1)),
                        Problem.PUBLIC_KEY_MISMATCH),
                bad("corrupted vrf seed", t -> t.replace(VRF_SEED, "5" + VRF_SEED.substring(1)),
                        Problem.PUBLIC_KEY_MISMATCH),
                bad("swapped public keys", t -> t.replace(SIGNING_PK, "X").replace(VRF_PK, SIGNING_PK)
                        .replace("X", VRF_PK), Problem.PUBLIC_KEY_MISMATCH),
                bad("same seed twice", t -> t.replace(VRF_SEED, SIGNING_SEED).replace(VRF_PK, SIGNING_PK),
                        Problem.SEEDS_NOT_DISTINCT));
    }

    private static Arguments bad(String name, UnaryOperator<String> edit, Problem problem) {
        return Arguments.of(name, edit, problem);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformations")
    void everyMalformationIsRejectedWithoutLeakingSeeds(String name, UnaryOperator<String> edit, Problem problem) {
        String text = edit.apply(GOLDEN);
        assertThat(text).isNotEqualTo(GOLDEN);
        assertThatThrownBy(() -> ValidatorKeys.parseKeyFile(text))
                .isInstanceOfSatisfying(KeyFileException.class, e -> {
                    assertThat(e.problem()).isEqualTo(problem);
                    assertThat(e.getMessage()).isNotBlank()
                            .doesNotContainIgnoringCase(SIGNING_SEED.substring(0, 16))
                            .doesNotContainIgnoringCase(VRF_SEED.substring(0, 16));
                });
    }

    @Test
    void nullIsEmpty() {
        assertThatThrownBy(() -> ValidatorKeys.parseKeyFile(null))
                .isInstanceOfSatisfying(KeyFileException.class, e -> assertThat(e.problem()).isEqualTo(Problem.EMPTY));
    }

    @Test
    void mismatchedVrfPublicKeyCannotBeConstructed() {
        assertThatThrownBy(() -> new ValidatorKeys(Ed25519.KeyPair.fromSeed(Hex.decode(SIGNING_SEED)),
                Hex.decode(VRF_SEED), Hex.decode(SIGNING_PK))).isInstanceOf(IllegalArgumentException.class);
    }
}
