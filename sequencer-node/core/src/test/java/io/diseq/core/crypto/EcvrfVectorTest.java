package io.diseq.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.diseq.core.Vectors;
import io.diseq.core.util.Hex;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** RFC 9381 Appendix B.3 (Examples 16–18): every intermediate of ECVRF_prove, byte for byte. */
@Tag("unit")
class EcvrfVectorTest {
    static Stream<Arguments> rfc9381() {
        List<Arguments> out = new ArrayList<>();
        for (JsonNode v : Vectors.get("ecvrf_edwards25519_sha512_tai", "vectors")) {
            out.add(Arguments.of(v.get("name").asText(), v));
        }
        return out.stream();
    }

    private static byte[] hex(JsonNode v, String field) {
        return Hex.decode(v.get(field).asText());
    }

    @Test
    void theRfcHasThreeEdwardsTaiExamples() {
        assertThat(Vectors.get("ecvrf_edwards25519_sha512_tai", "vectors").size()).isEqualTo(3);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rfc9381")
    void everyIntermediateMatches(String name, JsonNode v) {
        byte[] sk = hex(v, "SK");
        Ecvrf.Trace t = Ecvrf.trace(sk, hex(v, "alpha"));

        assertThat(Ecvrf.publicKey(sk)).as("PK").isEqualTo(hex(v, "PK"));
        assertThat(t.ctr()).as("try_and_increment_ctr").isEqualTo(v.get("try_and_increment_ctr").asInt());
        assertThat(t.h()).as("H").isEqualTo(hex(v, "H"));
        assertThat(t.kString()).as("k_string").isEqualTo(hex(v, "k_string"));
        assertThat(t.k()).as("k").isEqualTo(hex(v, "k"));
        assertThat(t.u()).as("U").isEqualTo(hex(v, "U"));
        assertThat(t.v()).as("V").isEqualTo(hex(v, "V"));
        assertThat(t.gamma()).as("Gamma").isEqualTo(hex(v, "Gamma"));
        assertThat(t.c()).as("c").isEqualTo(hex(v, "c"));
        assertThat(t.s()).as("s").isEqualTo(hex(v, "s"));
        assertThat(t.pi()).as("pi").isEqualTo(hex(v, "pi"));
        assertThat(t.beta()).as("beta").isEqualTo(hex(v, "beta"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rfc9381")
    void publicApiProvesVerifiesAndHashes(String name, JsonNode v) {
        byte[] pi = Ecvrf.prove(hex(v, "SK"), hex(v, "alpha"));
        assertThat(pi).hasSize(Ecvrf.PROOF_LENGTH).isEqualTo(hex(v, "pi"));
        assertThat(Ecvrf.proofToHash(pi)).hasSize(Ecvrf.OUTPUT_LENGTH).isEqualTo(hex(v, "beta"));
        assertThat(Ecvrf.verify(hex(v, "PK"), hex(v, "pi"), hex(v, "alpha")))
                .hasValueSatisfying(beta -> assertThat(beta).isEqualTo(hex(v, "beta")));
    }
}
