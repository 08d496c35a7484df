package io.diseq.core.consensus;

import static org.assertj.core.api.Assertions.assertThat;

import io.diseq.core.chain.BlockHeader;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Hostile bytes never break the core (docs/protocol.md §7.15): thousands of mutated encodings of valid
 * messages are decoded and injected; each is rejected or accepted as a value, nothing throws, and the
 * honest quorum still decides afterwards.
 */
@Tag("scenario")
class HostileInputTest {

    @Test
    void mutatedMessagesAreValuesNeverExceptions() {
        Scenario s = Scenario.builder().selfIsBystander().start();
        BlockHeader b = s.block(0);
        List<ConsensusMessage> valid = List.of(s.commitment(0), s.proposal(0, b), s.prevote(s.peers(1)[0], 0, b),
                s.precommit(s.peers(2)[1], 0, b), s.proposal(1, 0, b));
        Random random = new Random(20261121L);
        int decoded = 0;
        for (int i = 0; i < 3000; i++) {
            byte[] bytes = MessageCodec.encode(valid.get(random.nextInt(valid.size())));
            int flips = 1 + random.nextInt(3);
            for (int f = 0; f < flips; f++) {
                bytes[random.nextInt(bytes.length)] ^= (byte) (1 << random.nextInt(8));
            }
            if (MessageCodec.decode(bytes) instanceof MessageCodec.Decoded.Ok ok) {
                decoded++;
                s.inject(ok.message());
            }
        }
        assertThat(decoded).isPositive();
        assertThat(s.height()).isEqualTo(1);
        s.inject(s.proposal(0, b));
        s.precommits(0, b, s.peers(3));
        assertThat(s.decided().block().header()).isEqualTo(b);
    }
}
