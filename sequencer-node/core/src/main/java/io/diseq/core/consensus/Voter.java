package io.diseq.core.consensus;

import io.diseq.core.util.Bytes;

/**
 * Signs and sends this validator's messages through the double-sign guard (docs/protocol.md §7.14):
 * every signature is followed by {@link Effect.PersistSignerState} and only then by the broadcast.
 * A refused signature still advances the step (the node voted there before a restart) but sends nothing.
 */
final class Voter {
    private final CoreState s;

    Voter(CoreState s) {
        this.s = s;
    }

    /** Signs at (height, round, step) and persists the guard; null if refused or not a validator. */
    Bytes sign(SignStep step, byte[] signBytes) {
        if (!s.isValidator()) {
            return null;
        }
        Signer.Outcome outcome = s.signer.sign(s.height, s.round, step, signBytes);
        if (outcome instanceof Signer.Outcome.Refused refused) {
            s.emit(new Effect.SignRefused(s.height, s.round, step, refused.reason()));
            return null;
        }
        s.persistSigner();
        return ((Signer.Outcome.Signed) outcome).signature();
    }

    void prevote(Bytes blockId) {
        cast(VoteType.PREVOTE, SignStep.PREVOTE, blockId);
        s.step = Step.PREVOTE;
    }

    void precommit(Bytes blockId) {
        cast(VoteType.PRECOMMIT, SignStep.PRECOMMIT, blockId);
        s.step = Step.PRECOMMIT;
    }

    private void cast(VoteType type, SignStep step, Bytes blockId) {
        Bytes signature = sign(step, Rules.voteBytes(s, type, blockId));
        if (signature == null) {
            return;
        }
        Vote vote = new Vote(type, s.config.chainId(), s.height, s.round, blockId, s.self, signature);
        s.emit(new Effect.Broadcast(vote));
        VoteBook book = s.log.votes(type, s.round);
        if (book.existing(s.self) == null) {
            book.add(vote);
            s.log.noteSender(s.round, s.self);
            if (type == VoteType.PRECOMMIT && blockId != null) {
                s.log.markDecisionCandidate(s.round);
            }
        }
    }
}
