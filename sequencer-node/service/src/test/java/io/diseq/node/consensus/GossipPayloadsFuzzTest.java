package io.diseq.node.consensus;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.diseq.core.consensus.ConsensusMessage;
import io.diseq.core.consensus.MessageCodec;
import io.diseq.core.util.Bytes;
import io.diseq.node.gossip.GossipEnvelope;
import io.diseq.core.runtime.GossipType;
import io.diseq.core.runtime.Payloads;
import java.util.Arrays;
import org.junit.jupiter.api.Tag;

/**
 * Coverage-guided fuzzing (Jazzer, docs/fuzzing.md) of gossip payload decoding (docs/protocol.md §30.2),
 * what the consensus driver does with every envelope a validator signed: any payload under any envelope
 * type gives a Message, a Status or Malformed, never an exception and never through the last line of
 * defence ({@link MessageCodec#UNEXPECTED}); what is accepted re-encodes to the payload's bytes.
 *
 * <p>Input framing: byte 0 picks the envelope type (ordinal mod 5); byte 1 = 0 takes the envelope's
 * height and round from the message when the payload decodes (so the agreement check passes), any
 * other value is the envelope height with round 0; the rest is the payload. Regression inputs:
 * {@code GossipPayloadsFuzzTestInputs/decode/}, including {@code c0} as every type and a proposal
 * whose polka holds an empty list (issue 10).
 */
@Tag("unit")
class GossipPayloadsFuzzTest {

    @FuzzTest(maxDuration = "3m")
    void decode(byte[] input) {
        if (input.length < 2) {
            return;
        }
        GossipType type = GossipType.values()[Math.floorMod(input[0], GossipType.values().length)];
        byte[] payload = Arrays.copyOfRange(input, 2, input.length);
        long height = input[1] & 0xff;
        int round = 0;
        if (input[1] == 0 && MessageCodec.decode(payload) instanceof MessageCodec.Decoded.Ok ok) {
            height = ok.message().height();
            round = ok.message().round();
        }
        GossipEnvelope e = new GossipEnvelope("c", 1, height, round, type, 1, Bytes.wrap(payload), Bytes.EMPTY);
        Payloads.Inbound in = decode(e);
        if (in instanceof Payloads.Inbound.Malformed m) {
            assertThat(m.detail()).doesNotStartWith(MessageCodec.UNEXPECTED);
        } else if (in instanceof Payloads.Inbound.Message msg) {
            ConsensusMessage message = msg.message();
            assertThat(Payloads.typeOf(message)).isEqualTo(type);
            assertThat(Payloads.encode(message).toArray()).as("canonical").isEqualTo(payload);
        } else {
            Payloads.Inbound.Status s = (Payloads.Inbound.Status) in;
            assertThat(type).isEqualTo(GossipType.STATUS);
            assertThat(Payloads.status(s.tipHeight(), s.tipBlockId()).toArray()).as("canonical").isEqualTo(payload);
        }
    }

    /** What the node runtime does with the payload of a verified envelope. */
    private static Payloads.Inbound decode(GossipEnvelope e) {
        return Payloads.decode(e.type(), e.sender(), e.height(), e.round(), e.payload().toArray());
    }
}
