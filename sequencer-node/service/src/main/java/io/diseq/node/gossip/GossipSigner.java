package io.diseq.node.gossip;

import io.diseq.core.runtime.GossipType;
import io.diseq.core.crypto.Ed25519;
import io.diseq.core.util.Bytes;

/**
 * Wraps this validator's outbound payloads in signed envelopes. Sequence numbers come from the
 * wall clock in microseconds, bumped to stay strictly increasing, so they keep increasing across a
 * restart (receivers' replay windows survive it) as long as the clock does not step back by more
 * than the restart took. Thread-safe.
 */
public final class GossipSigner {
    private final String chainId;
    private final int selfIndex;
    private final Ed25519.KeyPair signing;
    private long lastSequence;

    public GossipSigner(String chainId, int selfIndex, Ed25519.KeyPair signing) {
        this.chainId = chainId;
        this.selfIndex = selfIndex;
        this.signing = signing;
    }

    public GossipEnvelope sign(long height, int round, GossipType type, Bytes payload) {
        long sequence = nextSequence();
        byte[] msg = GossipEnvelope.signBytes(chainId, selfIndex, height, round, type, sequence, payload);
        Bytes signature = Bytes.wrap(Ed25519.sign(signing.seed(), msg));
        return new GossipEnvelope(chainId, selfIndex, height, round, type, sequence, payload, signature);
    }

    private synchronized long nextSequence() {
        long now = System.currentTimeMillis() * 1000;
        lastSequence = Math.max(lastSequence + 1, now);
        return lastSequence;
    }
}
