package io.diseq.core.consensus;

import io.diseq.core.chain.SignBytes;
import io.diseq.core.util.Bytes;

/**
 * The committer's signed ECVRF proof for (height, round) (docs/protocol.md §7.7): pi over the VRF alpha
 * of the slot; every node derives the round's proposer from its output.
 */
public record Commitment(String chainId, long height, int round, int committerIndex, Bytes pi, Bytes signature)
        implements ConsensusMessage {
    @Override
    public int sender() {
        return committerIndex;
    }

    @Override
    public byte[] signBytes() {
        return SignBytes.commitment(chainId, height, round, pi);
    }
}
