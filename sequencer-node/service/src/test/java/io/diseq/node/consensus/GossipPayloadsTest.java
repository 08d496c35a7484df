package io.diseq.node.consensus;

import static org.assertj.core.api.Assertions.assertThat;

import io.diseq.core.consensus.Vote;
import io.diseq.core.consensus.VoteType;
import io.diseq.core.util.Bytes;
import io.diseq.node.gossip.GossipEnvelope;
import io.diseq.node.gossip.GossipSigner;
import io.diseq.core.runtime.GossipType;
import io.diseq.core.runtime.Payloads;
import io.diseq.node.testing.TestKeys;
import java.util.Arrays;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class GossipPayloadsTest {
    private final GossipSigner relayer = new GossipSigner("c", 1, TestKeys.validator(1).signing());

    private static Bytes fill(int b, int n) {
        byte[] a = new byte[n];
        Arrays.fill(a, (byte) b);
        return Bytes.wrap(a);
    }

    @Test
    void consensusMessagesRoundTripAndMayBeRelayedByAnotherValidator() {
        Vote vote = new Vote(VoteType.PRECOMMIT, "c", 7, 2, fill(9, 32), 3, fill(1, 64));
        GossipEnvelope e = relayer.sign(7, 2, Payloads.typeOf(vote), Payloads.encode(vote));

        assertThat(e.type()).isEqualTo(GossipType.PRECOMMIT);
        assertThat(decode(e)).isEqualTo(new Payloads.Inbound.Message(vote));
    }

    @Test
    void envelopeThatDisagreesWithItsMessageIsMalformed() {
        Vote vote = new Vote(VoteType.PREVOTE, "c", 7, 2, null, 3, fill(1, 64));
        Bytes payload = Payloads.encode(vote);

        assertThat(decode(relayer.sign(7, 2, GossipType.PRECOMMIT, payload)))
                .isInstanceOf(Payloads.Inbound.Malformed.class);
        assertThat(decode(relayer.sign(8, 2, GossipType.PREVOTE, payload)))
                .isInstanceOf(Payloads.Inbound.Malformed.class);
        assertThat(decode(relayer.sign(7, 2, GossipType.PREVOTE, Bytes.wrap(new byte[] {1}))))
                .isInstanceOf(Payloads.Inbound.Malformed.class);
    }

    @Test
    void statusCarriesTheDecidedHeightAndId() {
        GossipEnvelope e = relayer.sign(13, 0, GossipType.STATUS, Payloads.status(12, fill(4, 32)));

        assertThat(decode(e)).isEqualTo(new Payloads.Inbound.Status(1, 12, fill(4, 32)));
        assertThat(decode(relayer.sign(13, 0, GossipType.STATUS, Payloads.status(12, fill(4, 31)))))
                .isInstanceOf(Payloads.Inbound.Malformed.class);
    }

    /** What the node runtime does with the payload of a verified envelope. */
    private static Payloads.Inbound decode(GossipEnvelope e) {
        return Payloads.decode(e.type(), e.sender(), e.height(), e.round(), e.payload().toArray());
    }
}
