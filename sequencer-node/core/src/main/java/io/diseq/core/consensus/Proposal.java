package io.diseq.core.consensus;

import io.diseq.core.chain.BlockHeader;
import io.diseq.core.chain.SignBytes;
import io.diseq.core.util.Bytes;
import java.util.List;

/**
 * A proposal for (height, round) (docs/protocol.md §7.8): the block header (which keeps the round it
 * was created in), the validRound it is re-proposed from (−1 = fresh) and the current round's
 * commitment that selects {@code proposerIndex}. {@code blockId} must equal {@code block.id()}: it is
 * carried so that the id is hashed once, and checked on receipt. A re-proposal may carry its polka:
 * prevotes of validRound for the block, each signed by its voter (so not covered by the proposal's
 * signature), which receivers add to their tallies before applying line 28 of Algorithm 1.
 */
public record Proposal(String chainId, long height, int round, int validRound, BlockHeader block, Bytes blockId,
                       Commitment commitment, int proposerIndex, Bytes signature, List<Vote> polka)
        implements ConsensusMessage {
    public Proposal {
        polka = polka == null ? List.of() : List.copyOf(polka);
    }

    /** A proposal without a polka. */
    public Proposal(String chainId, long height, int round, int validRound, BlockHeader block, Bytes blockId,
                    Commitment commitment, int proposerIndex, Bytes signature) {
        this(chainId, height, round, validRound, block, blockId, commitment, proposerIndex, signature, List.of());
    }

    @Override
    public int sender() {
        return proposerIndex;
    }

    @Override
    public byte[] signBytes() {
        return SignBytes.proposal(chainId, height, round, validRound, blockId, commitment.pi());
    }
}
