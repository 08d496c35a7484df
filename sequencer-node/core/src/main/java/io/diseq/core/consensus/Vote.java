package io.diseq.core.consensus;

import io.diseq.core.chain.SignBytes;
import io.diseq.core.util.Bytes;

/** A prevote or precommit (docs/protocol.md §7.9); {@code blockId} null is a vote for nil. */
public record Vote(VoteType type, String chainId, long height, int round, Bytes blockId, int validatorIndex,
                   Bytes signature) implements ConsensusMessage {
    @Override
    public int sender() {
        return validatorIndex;
    }

    public boolean isNil() {
        return blockId == null;
    }

    @Override
    public byte[] signBytes() {
        return type == VoteType.PREVOTE
                ? SignBytes.prevote(chainId, height, round, blockId)
                : SignBytes.precommit(chainId, height, round, blockId);
    }
}
