package io.diseq.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Random keys and inputs from a fixed seed: prove → verify round-trips, and beta is a function of pi. */
@Tag("unit")
class EcvrfPropertyTest {
    private static final long SEED = 0x9381L;

    @Test
    void proveThenVerifyRoundTrips() {
        SplittableRandom random = new SplittableRandom(SEED);
        for (int i = 0; i < 40; i++) {
            byte[] seed = bytes(random, 32);
            byte[] alpha = bytes(random, random.nextInt(0, 200));
            byte[] pk = Ecvrf.publicKey(seed);
            byte[] pi = Ecvrf.prove(seed, alpha);

            Optional<byte[]> beta = Ecvrf.verify(pk, pi, alpha);
            assertThat(beta).as("seed %d, case %d", SEED, i).isPresent();
            assertThat(beta.get()).hasSize(Ecvrf.OUTPUT_LENGTH).isEqualTo(Ecvrf.proofToHash(pi));
            assertThat(Ecvrf.prove(seed, alpha)).as("deterministic").isEqualTo(pi);

            byte[] otherAlpha = alpha.length == 0 ? new byte[] {1} : flipOneBit(alpha, random);
            assertThat(Ecvrf.verify(pk, pi, otherAlpha)).isEmpty();
            assertThat(Ecvrf.verify(pk, flipOneBit(pi, random), alpha)).isEmpty();
        }
    }

    @Test
    void distinctInputsGiveDistinctOutputs() {
        SplittableRandom random = new SplittableRandom(SEED + 1);
        byte[] seed = bytes(random, 32);
        java.util.Set<String> betas = new java.util.HashSet<>();
        for (int i = 0; i < 20; i++) {
            betas.add(io.diseq.core.util.Hex.encode(Ecvrf.proofToHash(Ecvrf.prove(seed, new byte[] {(byte) i}))));
        }
        assertThat(betas).hasSize(20);
    }

    private static byte[] flipOneBit(byte[] in, SplittableRandom random) {
        byte[] out = in.clone();
        int bit = random.nextInt(8 * out.length);
        out[bit >>> 3] ^= (byte) (1 << (bit & 7));
        return out;
    }

    private static byte[] bytes(SplittableRandom random, int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }
}
