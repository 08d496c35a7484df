package io.diseq.core.sim;

import io.diseq.core.consensus.ConsensusMessage;
import io.diseq.core.runtime.GossipType;
import io.diseq.core.runtime.Payloads;
import io.diseq.core.util.Bytes;

/**
 * What the simulated network carries (docs/simulation.md, "Network"): only what a real transport carries.
 * A gossip envelope holds the payload BYTES under an authenticated sender (the service's envelope signature),
 * decoded by the receiving runtime with the production decoders; catch-up is a request and a response of
 * bytes, as over HTTP. Nothing lets one node look into another's memory.
 */
sealed interface Packet {
    /** An envelope from validator {@code sender} carrying {@code m} in its wire encoding. */
    static Envelope of(int sender, ConsensusMessage m) {
        return new Envelope(sender, Payloads.typeOf(m), m.height(), m.round(), Payloads.encode(m));
    }

    /** A gossip envelope from validator {@code sender}. */
    record Envelope(int sender, GossipType type, long height, int round, Bytes payload) implements Packet {
        /** The consensus message inside, for content-aware network adversaries; null if none or malformed. */
        ConsensusMessage message() {
            if (type == GossipType.STATUS) {
                return null;
            }
            Payloads.Inbound in = Payloads.decode(type, sender, height, round, payload.unsafeArray());
            return in instanceof Payloads.Inbound.Message m ? m.message() : null;
        }
    }

    /** {@code GET /internal/blocks?from=&count=} from instance {@code fromInstance}. */
    record FetchRequest(long requestId, int fromInstance, long from, int count) implements Packet {
    }

    /** The response body of a {@link FetchRequest}, served by validator {@code server}. */
    record FetchResponse(long requestId, int server, byte[] body) implements Packet {
    }
}
