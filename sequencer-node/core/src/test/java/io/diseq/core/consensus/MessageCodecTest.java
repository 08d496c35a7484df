package io.diseq.core.consensus;

import static org.assertj.core.api.Assertions.assertThat;

import io.diseq.core.rlp.Rlp;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Wire encoding of consensus messages (docs/protocol.md §7.18): round trips and strict rejection. */
@Tag("unit")
class MessageCodecTest {

    @Test
    void everyKindRoundTrips() {
        Scenario s = Scenario.builder().selfIsBystander().start();
        var b = s.block(0);
        for (ConsensusMessage m : new ConsensusMessage[] {s.commitment(0), s.proposal(0, b), s.prevote(0, 0, b),
                s.prevote(2, 1, null), s.precommit(3, 0, b), s.proposal(1, 0, b)}) {
            var decoded = MessageCodec.decode(MessageCodec.encode(m));
            assertThat(decoded).isEqualTo(new MessageCodec.Decoded.Ok(m));
        }
    }

    @Test
    void garbageAndUnknownKindsAreMalformed() {
        assertThat(MessageCodec.decode(new byte[] {(byte) 0xc1})).isInstanceOf(MessageCodec.Decoded.Malformed.class);
        assertThat(MessageCodec.decode(Rlp.encodeList(Rlp.encodeLong(9)))).isInstanceOf(MessageCodec.Decoded.Malformed.class);
        assertThat(MessageCodec.decode(Rlp.encodeList(Rlp.encodeLong(3), Rlp.encodeLong(1))))
                .isInstanceOf(MessageCodec.Decoded.Malformed.class);
        assertThat(MessageCodec.decode(new byte[0])).isInstanceOf(MessageCodec.Decoded.Malformed.class);
    }
}
