package io.diseq.node.gossip;

/** The outcome of checking an inbound envelope: expected rejections are values, not exceptions. */
public sealed interface GossipVerdict {
    record Accept(GossipEnvelope envelope) implements GossipVerdict {
    }

    record Reject(GossipRejectCode code, String detail) implements GossipVerdict {
    }
}
