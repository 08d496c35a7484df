package io.diseq.core.sim;

import io.diseq.core.consensus.ConsensusMessage;
import io.diseq.core.runtime.GossipType;
import io.diseq.core.runtime.Payloads;
import io.diseq.core.util.Bytes;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A byzantine validator that, beside each message its runtime signs, sends envelopes it signs itself with
 * garbage payloads (docs/simulation.md, "Byzantine behaviours"; issue 10): the empty RLP list {@code c0}, a
 * truncated or bit-flipped copy of the real payload, random bytes, the payload under another envelope type
 * or another height, and garbage STATUS payloads. The honest runtimes decode them with the production
 * decoders; the shell fails the run if one of them throws ({@code UNTRUSTED_INPUT_THREW}).
 */
final class GarbageSender implements SimNode.Behaviour {
    private static final GossipType[] TYPES = GossipType.values();
    private final SplittableRandom random;

    GarbageSender(SplittableRandom random) {
        this.random = random;
    }

    @Override
    public List<SimNode.Outgoing> transform(SimNode self, ConsensusMessage m) {
        byte[] real = Payloads.encode(m).unsafeArray();
        for (int i = 0; i < 3; i++) {
            GossipType type = random.nextInt(4) == 0 ? TYPES[random.nextInt(TYPES.length)] : Payloads.typeOf(m);
            long height = random.nextInt(8) == 0 ? m.height() + 1 + random.nextInt(3) : m.height();
            self.transmit(-1, new Packet.Envelope(self.validator, type, height, m.round(), Bytes.wrap(garbage(real))));
        }
        return List.of(new SimNode.Outgoing(-1, m));
    }

    private byte[] garbage(byte[] real) {
        switch (random.nextInt(5)) {
            case 0:
                return new byte[] {(byte) 0xc0};
            case 1:
                return java.util.Arrays.copyOf(real, random.nextInt(real.length));
            case 2: {
                byte[] copy = real.clone();
                for (int k = 1 + random.nextInt(3); k > 0; k--) {
                    copy[random.nextInt(copy.length)] ^= (byte) (1 << random.nextInt(8));
                }
                return copy;
            }
            case 3: {
                byte[] noise = new byte[random.nextInt(64)];
                random.nextBytes(noise);
                return noise;
            }
            default:
                return real.length > 2 ? java.util.Arrays.copyOfRange(real, 1, real.length) : new byte[0];
        }
    }
}
