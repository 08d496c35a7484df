package io.diseq.node.consensus;

import io.diseq.core.consensus.ConsensusMessage;
import io.diseq.core.util.Bytes;
import io.diseq.node.gossip.GossipClient;
import io.diseq.node.gossip.GossipSigner;
import io.diseq.core.runtime.GossipType;

/** Signs envelopes and hands them to the gossip client; never blocks (the client only enqueues). */
final class Outbound {
    private final GossipSigner signer;
    private final GossipClient client;

    Outbound(GossipSigner signer, GossipClient client) {
        this.signer = signer;
        this.client = client;
    }

    void broadcast(ConsensusMessage m) {
        client.broadcast(signer.sign(m.height(), m.round(), GossipPayloads.typeOf(m), GossipPayloads.encode(m)));
    }

    void status(long consensusHeight, int round, long decidedHeight, Bytes decidedId) {
        client.broadcast(signer.sign(consensusHeight, Math.max(0, round), GossipType.STATUS,
                GossipPayloads.status(decidedHeight, decidedId)));
    }
}
