package io.diseq.core.rlp;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Seeded fuzzing of the strict decoder: for any input it either throws {@link RlpException} or
 * returns an item whose canonical encoding is the input itself (so no two encodings decode alike).
 */
@Tag("unit")
class RlpFuzzTest {
    private static final long SEED = 20261121L;

    @Test
    void randomBytesEitherRejectOrRoundTrip() {
        SplittableRandom random = new SplittableRandom(SEED);
        int accepted = 0;
        for (int i = 0; i < 50_000; i++) {
            byte[] input = new byte[random.nextInt(0, 40)];
            random.nextBytes(input);
            if (random.nextInt(4) == 0 && input.length > 0) {
                input[0] = (byte) (0xc0 + random.nextInt(64)); // bias towards lists
            }
            accepted += checkOne(input) ? 1 : 0;
        }
        assertThat(accepted).as("some random inputs are valid RLP").isGreaterThan(100);
    }

    @Test
    void mutationsOfValidEncodingsEitherRejectOrRoundTrip() {
        SplittableRandom random = new SplittableRandom(SEED + 1);
        int accepted = 0;
        for (int i = 0; i < 2_000; i++) {
            byte[] valid = randomItem(random, 0);
            assertThat(checkOne(valid)).isTrue();
            for (int m = 0; m < 15; m++) {
                accepted += checkOne(mutate(valid, random)) ? 1 : 0;
            }
        }
        assertThat(accepted).as("some mutations stay valid").isGreaterThan(100);
    }

    /**
     * Coverage-guided (Jazzer): any input is rejected with an {@link RlpException} or round-trips;
     * nothing else is ever thrown. Regression inputs: {@code RlpFuzzTestInputs/decode/}.
     */
    @FuzzTest(maxDuration = "2m")
    void decode(byte[] input) {
        checkOne(input);
    }

    /** True if accepted (and then round-tripped); false if rejected with an RlpException. */
    private static boolean checkOne(byte[] input) {
        RlpItem item;
        try {
            item = Rlp.decode(input);
        } catch (RlpException rejected) {
            return false;
        }
        assertThat(item.encoded()).as("round trip").isEqualTo(input);
        return true;
    }

    private static byte[] randomItem(SplittableRandom random, int depth) {
        if (depth < 4 && random.nextInt(3) == 0) {
            List<byte[]> items = new ArrayList<>();
            int n = random.nextInt(0, 6);
            for (int i = 0; i < n; i++) {
                items.add(randomItem(random, depth + 1));
            }
            return Rlp.encodeList(items);
        }
        int[] lengths = {0, 1, 1, 2, 31, 32, 55, 56, 57, 200, 300};
        byte[] bytes = new byte[lengths[random.nextInt(lengths.length)]];
        random.nextBytes(bytes);
        return Rlp.encodeBytes(bytes);
    }

    private static byte[] mutate(byte[] valid, SplittableRandom random) {
        switch (random.nextInt(5)) {
            case 0 -> {
                byte[] out = valid.clone();
                out[random.nextInt(out.length)] ^= (byte) (1 << random.nextInt(8));
                return out;
            }
            case 1 -> {
                byte[] out = valid.clone();
                out[random.nextInt(out.length)] = (byte) random.nextInt(256);
                return out;
            }
            case 2 -> {
                byte[] out = new byte[random.nextInt(valid.length)];
                System.arraycopy(valid, 0, out, 0, out.length);
                return out;
            }
            case 3 -> {
                byte[] out = new byte[valid.length + 1 + random.nextInt(3)];
                System.arraycopy(valid, 0, out, 0, valid.length);
                return out;
            }
            default -> {
                int at = random.nextInt(valid.length);
                byte[] out = new byte[valid.length - 1];
                System.arraycopy(valid, 0, out, 0, at);
                System.arraycopy(valid, at + 1, out, at, valid.length - at - 1);
                return out;
            }
        }
    }
}
