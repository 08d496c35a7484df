package io.diseq.node.gossip;

import io.diseq.core.runtime.GossipType;
import io.diseq.core.rlp.Rlp;
import io.diseq.core.util.Bytes;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A signed gossip envelope (docs/architecture.md §Gossip envelope). The sender signs
 * {@link #signBytes} with its Ed25519 signing key: the ASCII tag {@value #TAG} followed by
 * RLP([chainId, sender, height, round, type name, sequence, payload]). The tag differs from every
 * consensus sign-bytes tag, so an envelope signature can never be replayed as a vote and vice
 * versa; the chain id inside binds it to one chain. {@code sequence} strictly increases per sender
 * (replay protection).
 */
public record GossipEnvelope(String chainId, int sender, long height, int round, GossipType type, long sequence,
                             Bytes payload, Bytes signature) {
    public static final String TAG = "diseq/v1/gossip-envelope";

    public GossipEnvelope {
        Objects.requireNonNull(chainId, "chainId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(signature, "signature");
        if (sender < 0 || height < 0 || round < 0 || sequence < 0) {
            throw new IllegalArgumentException("sender, height, round and sequence must be >= 0");
        }
    }

    public byte[] signBytes() {
        return signBytes(chainId, sender, height, round, type, sequence, payload);
    }

    /** The bytes a sender signs; the only place they are produced. */
    public static byte[] signBytes(String chainId, int sender, long height, int round, GossipType type,
                                   long sequence, Bytes payload) {
        byte[] rlp = Rlp.encodeList(
                Rlp.encodeBytes(chainId.getBytes(StandardCharsets.UTF_8)),
                Rlp.encodeLong(sender),
                Rlp.encodeLong(height),
                Rlp.encodeLong(round),
                Rlp.encodeBytes(type.name().getBytes(StandardCharsets.US_ASCII)),
                Rlp.encodeLong(sequence),
                Rlp.encodeBytes(payload.unsafeArray()));
        byte[] tag = TAG.getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[tag.length + rlp.length];
        System.arraycopy(tag, 0, out, 0, tag.length);
        System.arraycopy(rlp, 0, out, tag.length, rlp.length);
        return out;
    }
}
