package io.diseq.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.diseq.core.Vectors;
import io.diseq.core.util.Hex;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@Tag("unit")
class Ed25519Test {
    static Stream<Arguments> rfc8032() {
        List<Arguments> out = new ArrayList<>();
        for (JsonNode v : Vectors.get("ed25519_rfc8032", "vectors")) {
            out.add(Arguments.of(v.path("name").asText(v.toString().substring(0, 20)), v));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rfc8032")
    void rfc8032Vector(String name, JsonNode v) {
        byte[] sk = Hex.decode(v.get("SECRET_KEY").asText());
        byte[] pk = Hex.decode(v.get("PUBLIC_KEY").asText());
        byte[] msg = Hex.decode(v.get("MESSAGE").asText());
        byte[] sig = Hex.decode(v.get("SIGNATURE").asText());
        assertThat(Ed25519.publicKey(sk)).isEqualTo(pk);
        assertThat(Ed25519.sign(sk, msg)).isEqualTo(sig);
        assertThat(Ed25519.verify(pk, msg, sig)).isTrue();
        byte[] tampered = sig.clone();
        tampered[5] ^= 1;
        assertThat(Ed25519.verify(pk, msg, tampered)).isFalse();
        byte[] otherMsg = java.util.Arrays.copyOf(msg, msg.length + 1);
        assertThat(Ed25519.verify(pk, otherMsg, sig)).isFalse();
    }

    @Test
    void rfcHasFiveVectors() {
        assertThat(Vectors.get("ed25519_rfc8032", "vectors").size()).isEqualTo(5);
    }

    @Test
    void malformedInputsAreFalseNotExceptions() {
        var kp = Ed25519.KeyPair.generate(new SecureRandom(new byte[] {1}));
        byte[] sig = kp.sign(new byte[] {1, 2, 3});
        assertThat(Ed25519.verify(kp.publicKey(), new byte[] {1, 2, 3}, sig)).isTrue();
        assertThat(Ed25519.verify(new byte[31], new byte[] {1, 2, 3}, sig)).isFalse();
        assertThat(Ed25519.verify(kp.publicKey(), new byte[] {1, 2, 3}, new byte[63])).isFalse();
        assertThat(Ed25519.verify(null, new byte[] {1}, sig)).isFalse();
        byte[] badPoint = new byte[32];
        java.util.Arrays.fill(badPoint, (byte) 0xff);
        assertThat(Ed25519.verify(badPoint, new byte[] {1, 2, 3}, sig)).isFalse();
        assertThat(kp.toString()).doesNotContain(Hex.encode(kp.seed()));
    }
}
