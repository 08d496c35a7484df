package io.diseq.core.consensus;

import io.diseq.core.chain.Leaders;
import io.diseq.core.chain.SignBytes;
import io.diseq.core.util.Bytes;

/**
 * Signs and sends this validator's messages through the double-sign guard (docs/protocol.md §7.14):
 * every signature is followed by {@link Effect.PersistSignerState} and only then by the broadcast.
 * A refused signature still advances the step. When the refusal is for the very slot last signed
 * (a restart lost the message before or after it left), the node's own persisted messages are sent
 * again: they are the same signed messages, so this is safe, and without it a round whose votes died
 * in crashes could never gather the 2f+1 its timeouts wait for.
 */
final class Voter {
    private final CoreState s;

    Voter(CoreState s) {
        this.s = s;
    }

    /** Signs at (height, round, step) and persists the guard; null if refused or not a validator. */
    Bytes sign(SignStep step, byte[] signBytes, Bytes value) {
        Bytes signature = signUnpersisted(step, signBytes, value);
        if (signature != null) {
            s.persistSigner();
        }
        return signature;
    }

    /** As {@link #sign} but the caller must emit {@link CoreState#persistSigner} before using the signature. */
    private Bytes signUnpersisted(SignStep step, byte[] signBytes, Bytes value) {
        if (!s.isValidator()) {
            return null;
        }
        Signer.Outcome outcome = s.signer.sign(s.height, s.round, step, signBytes, value);
        if (outcome instanceof Signer.Outcome.Refused refused) {
            s.emit(new Effect.SignRefused(s.height, s.round, step, refused.reason()));
            if (s.signer.state().signedAt(s.height, s.round, step)) {
                resendOwn();
            }
            return null;
        }
        return ((Signer.Outcome.Signed) outcome).signature();
    }

    /** Signs and sends a prevote (nil if null) and enters the prevote step. */
    void enterPrevote(Bytes blockId) {
        cast(VoteType.PREVOTE, SignStep.PREVOTE, blockId);
        s.step = Step.PREVOTE;
    }

    /** Signs and sends a precommit (nil if null) and enters the precommit step. */
    void enterPrecommit(Bytes blockId) {
        cast(VoteType.PRECOMMIT, SignStep.PRECOMMIT, blockId);
        s.step = Step.PRECOMMIT;
    }

    private byte[] voteBytes(VoteType type, Bytes blockId) {
        return type == VoteType.PREVOTE
                ? SignBytes.prevote(s.config.chainId(), s.height, s.round, blockId)
                : SignBytes.precommit(s.config.chainId(), s.height, s.round, blockId);
    }

    private void cast(VoteType type, SignStep step, Bytes blockId) {
        Bytes signature = signUnpersisted(step, voteBytes(type, blockId), blockId == null ? Bytes.EMPTY : blockId);
        if (signature == null) {
            return;
        }
        Vote vote = new Vote(type, s.config.chainId(), s.height, s.round, blockId, s.self, signature);
        s.signer.recordOwnVote(vote);
        if (s.rules.persistBeforeVote()) {
            s.persistSigner();
            s.emit(new Effect.Broadcast(vote));
        } else {
            s.emit(new Effect.Broadcast(vote));
            s.persistSigner();
        }
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
     * Re-sends this validator's own persisted messages of the current height: its votes of the latest
     * round it voted in, and its commitment if that was the last thing it signed (a proposal cannot be
     * rebuilt: its header is not kept). Each is also counted locally. Same bytes, same signatures.
     */
    void resendOwn() {
        SignerState st = s.signer.state();
        if (!s.isValidator() || st.height() != s.height) {
            return;
        }
        for (Vote vote : st.ownVotes()) {
            if (vote.height() == s.height) {
                s.emit(new Effect.Broadcast(vote));
                recordOwn(vote);
            }
        }
        if (st.step() == SignStep.COMMITMENT && st.signature().length() > 0) {
            Commitment c = new Commitment(s.config.chainId(), st.height(), st.round(), s.self, st.signedValue(),
                    st.signature());
            s.emit(new Effect.Broadcast(c));
            if (s.log.commitment(c.round()) == null) {
                s.log.putCommitment(c, Leaders.proposer(s.config, s.crypto, c.height(), c.round(), s.tip.blockId(), c.pi()));
            }
        }
    }
}
