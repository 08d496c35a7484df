package io.diseq.node.consensus;

import io.diseq.core.consensus.Commitment;
import io.diseq.core.consensus.ConsensusMessage;
import io.diseq.core.consensus.MessageCodec;
import io.diseq.core.consensus.Proposal;
import io.diseq.core.consensus.Vote;
import io.diseq.core.consensus.VoteType;
import io.diseq.core.rlp.Rlp;
import io.diseq.core.rlp.RlpException;
import io.diseq.core.rlp.RlpList;
import io.diseq.core.util.Bytes;
import io.diseq.node.gossip.GossipEnvelope;
import io.diseq.core.runtime.GossipType;

/**
 * Payloads of gossip envelopes (docs/protocol.md §30.1–30.2). A consensus message travels as the core's
 * wire encoding ({@link MessageCodec}, §7.18) under the envelope type of its kind; the envelope's
 * height and round repeat the message's and must agree with it. The envelope's sender may differ from
 * the message's signer: validators relay messages they accepted (the core verifies the inner signature). A STATUS payload is
 * {@code RLP([tipHeight, tipBlockId])}: the sender's latest decided block.
 */
public final class GossipPayloads {
    private GossipPayloads() {
    }

    /** What an inbound envelope carries, or why it cannot be used. */
    public sealed interface Inbound {
        record Message(ConsensusMessage message) implements Inbound {
        }

        record Status(int sender, long tipHeight, Bytes tipBlockId) implements Inbound {
        }

        record Malformed(String detail) implements Inbound {
        }
    }

    public static GossipType typeOf(ConsensusMessage m) {
        if (m instanceof Commitment) {
            return GossipType.COMMITMENT;
        }
        if (m instanceof Proposal) {
            return GossipType.PROPOSAL;
        }
        return ((Vote) m).type() == VoteType.PREVOTE ? GossipType.PREVOTE : GossipType.PRECOMMIT;
    }

    public static Bytes encode(ConsensusMessage m) {
        return Bytes.wrap(MessageCodec.encode(m));
    }

    public static Bytes status(long tipHeight, Bytes tipBlockId) {
        return Bytes.wrap(Rlp.encodeList(Rlp.encodeLong(tipHeight), Rlp.encodeBytes(tipBlockId.unsafeArray())));
    }

    /**
     * Decodes a verified envelope; the message inside is still unverified (the core checks it). A total
     * function: every payload (garbage, truncated, the wrong kind for the envelope type, a message whose
     * height or round differs from the envelope's) is {@link Inbound.Malformed}, never an exception. A
     * last line of defence maps an unexpected exception to Malformed with the detail prefix
     * {@link MessageCodec#UNEXPECTED}; the strict decoders leave none (the fuzz tests assert it).
     */
    public static Inbound decode(GossipEnvelope e) {
        try {
            return e.type() == GossipType.STATUS ? status(e) : message(e);
        } catch (RuntimeException ex) {
            return new Inbound.Malformed(MessageCodec.UNEXPECTED + ex);
        }
    }

    private static Inbound message(GossipEnvelope e) {
        MessageCodec.Decoded d = MessageCodec.decode(e.payload().unsafeArray());
        if (d instanceof MessageCodec.Decoded.Malformed m) {
            return new Inbound.Malformed(m.detail());
        }
        ConsensusMessage m = ((MessageCodec.Decoded.Ok) d).message();
        if (typeOf(m) != e.type() || m.height() != e.height() || m.round() != e.round()) {
            return new Inbound.Malformed("envelope type, height or round differs from its message");
        }
        return new Inbound.Message(m);
    }

    /** {@code RLP([decidedHeight, decidedBlockId])}, strictly: two items, a canonical integer, 32 bytes. */
    private static Inbound status(GossipEnvelope e) {
        try {
            RlpList l = Rlp.decode(e.payload().unsafeArray()).asList().expectSize(2);
            long tipHeight = l.get(0).asString().asLong();
            Bytes id = l.get(1).asString().asBytes32();
            return new Inbound.Status(e.sender(), tipHeight, id);
        } catch (RlpException ex) {
            return new Inbound.Malformed("status: " + ex.getMessage());
        }
    }
}
