package io.diseq.core.chain;

import io.diseq.core.rlp.Rlp;
import io.diseq.core.util.Bytes;
import java.nio.charset.StandardCharsets;

/**
 * The only place that produces bytes to be signed or fed to the VRF (docs/protocol.md §7.5). Every
 * output is an ASCII domain tag ‖ RLP([chain id, …]); the tags differ before the first RLP byte
 * (all ≥ 0xc0), so no signature over one kind can be replayed as another, nor on another chain.
 * Integers are RLP unsigned integers; a round that may be absent (validRound) is encoded as round+1
 * (0 = none); an absent block id (a nil vote) is the empty string.
 */
public final class SignBytes {
    public static final String COMMITMENT_TAG = "diseq/v1/commitment";
    public static final String PROPOSAL_TAG = "diseq/v1/proposal";
    public static final String PREVOTE_TAG = "diseq/v1/prevote";
    public static final String PRECOMMIT_TAG = "diseq/v1/precommit";
    public static final String VRF_ALPHA_TAG = "diseq/v1/vrf-alpha";

    private SignBytes() {}

    /** The committer's signed commitment to its VRF proof pi for (h, r). */
    public static byte[] commitment(String chainId, long height, int round, Bytes pi) {
        return tagged(COMMITMENT_TAG, Rlp.encodeList(chain(chainId), Rlp.encodeLong(height),
                Rlp.encodeLong(round), Rlp.encodeBytes(pi.unsafeArray())));
    }

    /** A proposal of block {@code blockId} in round r, re-proposed from validRound (−1 = fresh), under commitment pi of round r. */
    public static byte[] proposal(String chainId, long height, int round, int validRound, Bytes blockId, Bytes pi) {
        return tagged(PROPOSAL_TAG, Rlp.encodeList(chain(chainId), Rlp.encodeLong(height),
                Rlp.encodeLong(round), Rlp.encodeLong(validRound + 1L), Rlp.encodeBytes(blockId.unsafeArray()),
                Rlp.encodeBytes(pi.unsafeArray())));
    }

    /** A prevote; {@code blockId} null = nil. */
    public static byte[] prevote(String chainId, long height, int round, Bytes blockId) {
        return vote(PREVOTE_TAG, chainId, height, round, blockId);
    }

    /** A precommit; {@code blockId} null = nil. A quorum certificate is 2f+1 of these for one block id. */
    public static byte[] precommit(String chainId, long height, int round, Bytes blockId) {
        return vote(PRECOMMIT_TAG, chainId, height, round, blockId);
    }

    /** The ECVRF input alpha of (h, r): binds the proposer lottery to the chain, the slot and the parent block. */
    public static byte[] vrfAlpha(String chainId, long height, int round, Bytes parentHash) {
        return tagged(VRF_ALPHA_TAG, Rlp.encodeList(chain(chainId), Rlp.encodeLong(height),
                Rlp.encodeLong(round), Rlp.encodeBytes(parentHash.unsafeArray())));
    }

    private static byte[] vote(String tag, String chainId, long height, int round, Bytes blockId) {
        byte[] id = blockId == null ? new byte[0] : blockId.unsafeArray();
        return tagged(tag, Rlp.encodeList(chain(chainId), Rlp.encodeLong(height), Rlp.encodeLong(round),
                Rlp.encodeBytes(id)));
    }

    private static byte[] chain(String chainId) {
        return Rlp.encodeBytes(chainId.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] tagged(String tag, byte[] rlp) {
        byte[] t = tag.getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[t.length + rlp.length];
        System.arraycopy(t, 0, out, 0, t.length);
        System.arraycopy(rlp, 0, out, t.length, rlp.length);
        return out;
    }
}
