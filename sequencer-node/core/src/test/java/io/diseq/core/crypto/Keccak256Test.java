package io.diseq.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import io.diseq.core.Vectors;
import io.diseq.core.util.Hex;
import java.nio.charset.StandardCharsets;
import org.bouncycastle.crypto.digests.SHA3Digest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class Keccak256Test {
    @Test
    void matchesSanityVectors() {
        var s = Vectors.get("sanity");
        assertThat(Hex.encode(Keccak256.hash(new byte[0]))).isEqualTo(s.get("keccak256_empty").asText());
        assertThat(Hex.encode(Keccak256.hash("abc".getBytes(StandardCharsets.US_ASCII))))
                .isEqualTo(s.get("keccak256_abc").asText());
        assertThat("0x" + Hex.encode(Keccak256.hash(new byte[] {(byte) 0x80})))
                .isEqualTo(s.get("empty_trie_root_keccak256_rlp_empty_string").asText());
        assertThat("0x" + Hex.encode(Keccak256.hash(new byte[] {(byte) 0xc0})))
                .isEqualTo(s.get("keccak256_rlp_empty_list_empty_ommers_hash").asText());
    }

    @Test
    void isNotFips202Sha3() {
        var s = Vectors.get("sanity");
        SHA3Digest sha3 = new SHA3Digest(256);
        byte[] out = new byte[32];
        sha3.doFinal(out, 0);
        assertThat(Hex.encode(out)).isEqualTo(s.get("sha3_256_empty_FIPS202_NOT_keccak").asText());
        assertThat(Keccak256.hash(new byte[0])).isNotEqualTo(out);
    }

    @Test
    void hashesASlice() {
        byte[] data = "xxabcxx".getBytes(StandardCharsets.US_ASCII);
        assertThat(Keccak256.hash(data, 2, 3)).isEqualTo(Keccak256.hash("abc".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void aReusedHasherMatchesOneShotHashing() {
        Keccak256.Hasher hasher = new Keccak256.Hasher();
        byte[] block = new byte[300]; // more than two 136-byte blocks
        for (int i = 0; i < block.length; i++) {
            block[i] = (byte) i;
        }
        for (int length : new int[] {0, 1, 135, 136, 137, 300}) {
            assertThat(hasher.hash(block, 0, length)).isEqualTo(Keccak256.hash(block, 0, length));
        }
        assertThat(hasher.hash("abc".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo(Keccak256.hash("abc".getBytes(StandardCharsets.US_ASCII)));
    }
}
