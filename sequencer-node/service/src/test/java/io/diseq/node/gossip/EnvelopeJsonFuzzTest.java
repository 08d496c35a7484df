package io.diseq.node.gossip;

import io.diseq.core.runtime.GossipType;
import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.diseq.core.util.Bytes;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Tag;

/**
 * Coverage-guided fuzzing (Jazzer, docs/fuzzing.md) of the gossip envelope JSON (docs/protocol.md §30.1),
 * the first thing a request thread does with a peer's body: any bytes give an envelope or nothing (the
 * MALFORMED reject), and {@link EnvelopeJson#read} (the parser without its last catch) never throws.
 * Round trip: any envelope survives {@code of(e).toBytes()} then parsing. Regression inputs:
 * {@code EnvelopeJsonFuzzTestInputs/<method>/}.
 */
@Tag("unit")
class EnvelopeJsonFuzzTest {

    @FuzzTest(maxDuration = "2m")
    void parse(byte[] body) {
        Optional<GossipEnvelope> e = EnvelopeJson.read(body);
        if (e.isPresent()) {
            assertThat(EnvelopeJson.read(EnvelopeJson.of(e.get()).toBytes())).isEqualTo(e);
        }
    }

    @FuzzTest(maxDuration = "2m")
    void roundTrip(FuzzedDataProvider data) {
        String chainId = new String(data.consumeString(16).getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
        GossipEnvelope e = new GossipEnvelope(chainId, data.consumeInt() & Integer.MAX_VALUE,
                data.consumeLong() & Long.MAX_VALUE, data.consumeInt() & Integer.MAX_VALUE,
                GossipType.values()[data.consumeInt(0, GossipType.values().length - 1)], data.consumeLong() & Long.MAX_VALUE,
                Bytes.wrap(data.consumeBytes(200)), Bytes.wrap(data.consumeRemainingAsBytes()));
        assertThat(EnvelopeJson.read(EnvelopeJson.of(e).toBytes())).contains(e);
    }
}
