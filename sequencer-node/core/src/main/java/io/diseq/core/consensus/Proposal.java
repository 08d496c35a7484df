package io.diseq.core.consensus;

import io.diseq.core.chain.BlockHeader;
import io.diseq.core.chain.SignBytes;
import io.diseq.core.util.Bytes;

/**
 * A proposal for (height, round) (docs/protocol.md §7.8): the block header (which keeps the round it
 * was created in), the validRound it is re-proposed from (−1 = fresh) and the current round's
 * commitment that selects {@code proposerIndex}. {@code blockId} must equal {@code block.id()}: it is
 * carried so that the id is hashed once, and checked on receipt.
 */
public record Proposal(String chainId, long height, int round, int validRound, BlockHeader block, Bytes blockId,
                       Commitment commitment, int proposerIndex, Bytes signature) implements ConsensusMessage {
    @Override
    public int sender() {
        return proposerIndex;
    }

    @Override
    public byte[] signBytes() {
        return SignBytes.proposal(chainId, height, round, validRound, blockId, commitment.pi());
    }
}
