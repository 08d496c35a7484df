package io.diseq.core.consensus;

import static org.assertj.core.api.Assertions.assertThat;

import io.diseq.core.rlp.Rlp;
import java.util.ArrayList;
import java.util.List;
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

    /** Issue 10: these threw ArrayIndexOutOfBoundsException on the consensus thread. */
    @Test
    void emptyListsWhereAMessageOrAPolkaVoteBelongsAreMalformed() {
        Scenario s = Scenario.builder().selfIsBystander().start();
        var l = Rlp.decode(MessageCodec.encode(s.proposal(0, s.block(0)))).asList();
        List<byte[]> items = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            items.add(l.get(i).encoded());
        }
        items.add(Rlp.encodeList(Rlp.encodeList()));
        for (byte[] bad : List.of(new byte[] {(byte) 0xc0}, Rlp.encodeList(items))) {
            assertThat(MessageCodec.decode(bad)).isInstanceOfSatisfying(MessageCodec.Decoded.Malformed.class,
                    m -> assertThat(m.detail()).startsWith("WRONG_ARITY"));
        }
    }

    @Test
    void aVoteForABlockIdThatIsNotAHashIsMalformed() {
        byte[] vote = Rlp.encodeList(Rlp.encodeLong(3), Rlp.encodeBytes(new byte[] {'c'}), Rlp.encodeLong(1),
                Rlp.encodeLong(0), Rlp.encodeBytes(new byte[5]), Rlp.encodeLong(1), Rlp.encodeBytes(new byte[64]));
        assertThat(MessageCodec.decode(vote)).isInstanceOfSatisfying(MessageCodec.Decoded.Malformed.class,
                m -> assertThat(m.detail()).startsWith("WRONG_LENGTH"));
    }
}
