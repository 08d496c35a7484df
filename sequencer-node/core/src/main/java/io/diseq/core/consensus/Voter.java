package io.diseq.core.consensus;

import io.diseq.core.chain.Leaders;
import io.diseq.core.chain.SignBytes;
import io.diseq.core.util.Bytes;

/**
 * Signs and sends this validator's messages through the double-sign guard (docs/protocol.md §7.14):
 * every signature is followed by {@link Effect.PersistSignerState} and only then by the broadcast.
 * A refused signature still advances the step. When the refusal is for the very slot last signed
 * (a restart lost the message before or after it left), the earlier message is rebuilt from the
 * signer state and sent again: it is the same signed message, so this is safe, and without it a
 * round whose votes died in crashes could never gather a quorum.
 */
final class Voter {
    private final CoreState s;

    Voter(CoreState s) {
        this.s = s;
    }

    /** Signs at (height, round, step) and persists the guard; null if refused or not a validator. */
    Bytes sign(SignStep step, byte[] signBytes, Bytes value) {
        if (!s.isValidator()) {
            return null;
        }
        Signer.Outcome outcome = s.signer.sign(s.height, s.round, step, signBytes, value);
        if (outcome instanceof Signer.Outcome.Refused refused) {
            s.emit(new Effect.SignRefused(s.height, s.round, step, refused.reason()));
            if (s.signer.state().signedAt(s.height, s.round, step)) {
                resendLastSigned();
            }
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

    private byte[] voteBytes(VoteType type, Bytes blockId) {
        return type == VoteType.PREVOTE
                ? SignBytes.prevote(s.config.chainId(), s.height, s.round, blockId)
                : SignBytes.precommit(s.config.chainId(), s.height, s.round, blockId);
    }

    private void cast(VoteType type, SignStep step, Bytes blockId) {
        Bytes signature = sign(step, voteBytes(type, blockId), blockId == null ? Bytes.EMPTY : blockId);
        if (signature == null) {
            return;
        }
        Vote vote = new Vote(type, s.config.chainId(), s.height, s.round, blockId, s.self, signature);
        s.emit(new Effect.Broadcast(vote));
        recordOwn(vote);
    }

    private void recordOwn(Vote vote) {
        VoteBook book = s.log.votes(vote.type(), vote.round());
        if (book.existing(s.self, vote.blockId()) == null) {
            book.add(vote);
            s.log.noteSender(vote.round(), s.self);
            if (vote.type() == VoteType.PRECOMMIT && vote.blockId() != null) {
                s.log.markDecisionCandidate(vote.round());
            }
        }
    }

    /**
     * Re-sends the last message the signer state records, if it is a vote or commitment of the current
     * height (a proposal cannot be rebuilt: its header is not kept), and counts it locally.
     */
    void resendLastSigned() {
        SignerState st = s.signer.state();
        if (!s.isValidator() || st.height() != s.height || st.signature().length() == 0) {
            return;
        }
        if (st.step() == SignStep.PREVOTE || st.step() == SignStep.PRECOMMIT) {
            Bytes id = st.signedValue().length() == 0 ? null : st.signedValue();
            VoteType type = st.step() == SignStep.PREVOTE ? VoteType.PREVOTE : VoteType.PRECOMMIT;
            Vote vote = new Vote(type, s.config.chainId(), st.height(), st.round(), id, s.self, st.signature());
            s.emit(new Effect.Broadcast(vote));
            recordOwn(vote);
        } else if (st.step() == SignStep.COMMITMENT) {
            Commitment c = new Commitment(s.config.chainId(), st.height(), st.round(), s.self, st.signedValue(),
                    st.signature());
            s.emit(new Effect.Broadcast(c));
            if (s.log.commitment(c.round()) == null) {
                s.log.putCommitment(c, Leaders.proposer(s.config, s.crypto, c.height(), c.round(), s.tip.blockId(), c.pi()));
            }
        }
    }
}
