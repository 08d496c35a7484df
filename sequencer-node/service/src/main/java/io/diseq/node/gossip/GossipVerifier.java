package io.diseq.node.gossip;

import io.diseq.core.chain.ValidatorSet;
import io.diseq.core.crypto.Ed25519;
import java.util.Optional;

/**
 * Checks an inbound gossip body, cheapest check first: well-formed, this chain, a known sender
 * other than this node, a valid signature, then replay (last, so that only authentic envelopes
 * touch the replay window). Thread-safe; called from HTTP request threads.
 */
public final class GossipVerifier {
    private final String chainId;
    private final ValidatorSet validators;
    private final int selfIndex;
    private final ReplayGuard replay;

    public GossipVerifier(String chainId, ValidatorSet validators, int selfIndex, int replayWindow) {
        this.chainId = chainId;
        this.validators = validators;
        this.selfIndex = selfIndex;
        this.replay = new ReplayGuard(validators.size(), replayWindow);
    }

    public GossipVerdict verify(byte[] body) {
        Optional<GossipEnvelope> parsed = EnvelopeJson.parse(body);
        if (parsed.isEmpty()) {
            return new GossipVerdict.Reject(GossipRejectCode.MALFORMED, "not a well-formed gossip envelope");
        }
        return verify(parsed.get());
    }

    /** The checks after parsing, for one envelope of a batch ({@link EnvelopeJson#parseBatch}). */
    public GossipVerdict verify(GossipEnvelope e) {
        if (!e.chainId().equals(chainId)) {
            return new GossipVerdict.Reject(GossipRejectCode.WRONG_CHAIN, "envelope is for another chain");
        }
        if (e.sender() >= validators.size() || e.sender() == selfIndex) {
            return new GossipVerdict.Reject(GossipRejectCode.UNKNOWN_SENDER, "sender " + e.sender() + " is not a peer");
        }
        byte[] key = validators.get(e.sender()).signingKey().unsafeArray();
        if (e.signature().length() != 64 || !Ed25519.verify(key, e.signBytes(), e.signature().unsafeArray())) {
            return new GossipVerdict.Reject(GossipRejectCode.BAD_SIGNATURE, "signature does not verify");
        }
        if (!replay.accept(e.sender(), e.sequence())) {
            return new GossipVerdict.Reject(GossipRejectCode.REPLAYED, "sequence " + e.sequence() + " already seen");
        }
        return new GossipVerdict.Accept(e);
    }
}
