package io.diseq.core.consensus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.diseq.core.util.Bytes;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;

/**
 * Coverage-guided fuzzing (Jazzer, docs/fuzzing.md) of the stored signer state (docs/protocol.md §7.14):
 * any bytes decode or are refused with {@link IllegalArgumentException} (nothing else); an accepted
 * record is the canonical encoding of its state; any state round-trips. Regression inputs:
 * {@code SignerStateCodecFuzzTestInputs/<method>/}.
 */
@Tag("unit")
class SignerStateCodecFuzzTest {

    @FuzzTest(maxDuration = "2m")
    void decode(byte[] input) {
        SignerState state;
        try {
            state = SignerStateCodec.decode(input);
        } catch (IllegalArgumentException rejected) {
            return;
        }
        assertThat(SignerStateCodec.encode(state)).as("canonical").isEqualTo(input);
    }

    @FuzzTest(maxDuration = "2m")
    void roundTrip(FuzzedDataProvider data) {
        int round = MessageCodecFuzzTest.natInt(data) % Integer.MAX_VALUE - 1;
        int lockedRound = MessageCodecFuzzTest.natInt(data) % (round + 2) - 1;
        int validRound = MessageCodecFuzzTest.natInt(data) % (round + 2) - 1;
        SignerState s = new SignerState(MessageCodecFuzzTest.nat(data), round,
                SignStep.values()[data.consumeInt(0, 3)], Bytes.wrap(data.consumeBytes(32)),
                Bytes.wrap(data.consumeBytes(64)), Bytes.wrap(data.consumeBytes(80)), lockedRound,
                data.consumeBoolean() ? MessageCodecFuzzTest.header(data) : null, validRound,
                data.consumeBoolean() ? MessageCodecFuzzTest.header(data) : null, votes(data), votes(data));
        assertThatCode(() -> assertThat(SignerStateCodec.decode(SignerStateCodec.encode(s))).isEqualTo(s))
                .doesNotThrowAnyException();
    }

    private static List<Vote> votes(FuzzedDataProvider data) {
        List<Vote> out = new ArrayList<>();
        int n = data.consumeInt(0, 3);
        for (int i = 0; i < n; i++) {
            out.add(MessageCodecFuzzTest.vote(data));
        }
        return out;
    }
}
