package io.diseq.core.consensus;

import io.diseq.core.chain.BlockHeader;
import io.diseq.core.chain.Leaders;
import io.diseq.core.chain.RejectCode;
import io.diseq.core.chain.Verdict;

/**
 * Checks an incoming message and, if it is acceptable, records it in the height's log
 * (docs/protocol.md §7.15). Cheap checks run first (chain, sender, height, round, duplicate), then
 * signatures and the VRF proof. Every rejection is a {@link Effect.Rejected} with a stable code.
 */
final class Intake {
    /** Rounds beyond the current one whose messages are still kept (bounds memory per height). */
    static final int MAX_ROUNDS_AHEAD = 64;
    /** Messages of the next height kept until this node gets there. */
    static final int NEXT_HEIGHT_BUFFER_PER_VALIDATOR = 64;

    private final CoreState s;

    Intake(CoreState s) {
        this.s = s;
    }

    /** The outcome for a message: recorded for this height, buffered for the next, or rejected. */
    enum Result { ACCEPTED, BUFFERED, REJECTED }

    Result admit(ConsensusMessage m) {
        Verdict v = envelope(m);
        if (v == BUFFER) {
            return Result.BUFFERED;
        }
        if (v.accepted()) {
            v = byKind(m);
        }
        if (v instanceof Verdict.Reject r) {
            s.reject(r.code(), r.detail(), m);
            return Result.REJECTED;
        }
        s.log.noteSender(m.round(), m.sender());
        return Result.ACCEPTED;
    }

    private Verdict byKind(ConsensusMessage m) {
        if (m instanceof Commitment c) {
            return onCommitment(c);
        }
        if (m instanceof Proposal p) {
            return onProposal(p);
        }
        return onVote((Vote) m);
    }

    private static final Verdict BUFFER = new Verdict.Reject(RejectCode.FUTURE_HEIGHT, "buffered");

    private Verdict envelope(ConsensusMessage m) {
        if (!s.config.chainId().equals(m.chainId())) {
            return Verdict.reject(RejectCode.WRONG_CHAIN, "chain " + m.chainId());
        }
        if (!s.validators.contains(m.sender())) {
            return Verdict.reject(RejectCode.UNKNOWN_VALIDATOR, "validator index " + m.sender());
        }
        if (m.round() < 0 || m.height() < 1 || m.signature() == null) {
            return Verdict.reject(RejectCode.MALFORMED, "negative round, height 0 or no signature");
        }
        if (m.height() < s.height) {
            return Verdict.reject(RejectCode.STALE_HEIGHT, "height " + m.height() + " < " + s.height);
        }
        if (m.height() > s.height) {
            return future(m);
        }
        if (m.round() > s.round + MAX_ROUNDS_AHEAD) {
            return Verdict.reject(RejectCode.FUTURE_ROUND, "round " + m.round() + " while in " + s.round);
        }
        return Verdict.ACCEPT;
    }

    private Verdict future(ConsensusMessage m) {
        s.aheadSenders.add(m.sender());
        if (s.aheadSenders.size() >= s.validators.oneHonest() && s.syncHintedHeight < s.height) {
            s.syncHintedHeight = s.height;
            s.emit(new Effect.SyncNeeded(m.height()));
        }
        boolean room = s.nextHeightBuffer.size() < NEXT_HEIGHT_BUFFER_PER_VALIDATOR * s.validators.size();
        if (m.height() == s.height + 1 && room) {
            s.nextHeightBuffer.add(m);
            return BUFFER;
        }
        return Verdict.reject(RejectCode.FUTURE_HEIGHT, "height " + m.height() + " while at " + s.height);
    }

    private Verdict onCommitment(Commitment c) {
        if (c.round() < s.round) {
            return Verdict.reject(RejectCode.STALE_ROUND, "commitment for round " + c.round() + " in " + s.round);
        }
        Commitment known = s.log.commitment(c.round());
        if (known != null && known.pi().equals(c.pi())) {
            return Verdict.reject(RejectCode.DUPLICATE_VOTE, "commitment already known");
        }
        Verdict v = verifyCommitment(c);
        if (v instanceof Verdict.Accept) {
            s.log.putCommitment(c, proposerOf(c));
        }
        return v;
    }

    /** Committer identity, signature and VRF proof of a commitment; records nothing. */
    private Verdict verifyCommitment(Commitment c) {
        if (c.committerIndex() != s.validators.committerIndex(c.height(), c.round())) {
            return Verdict.reject(RejectCode.WRONG_COMMITTER, "validator " + c.committerIndex()
                    + " is not the committer of round " + c.round());
        }
        if (!verifySignature(c)) {
            return Verdict.reject(RejectCode.BAD_SIGNATURE, "commitment signature");
        }
        if (proposerOf(c) < 0) {
            return Verdict.reject(RejectCode.BAD_VRF_PROOF, "pi does not verify for round " + c.round());
        }
        return Verdict.ACCEPT;
    }

    private int proposerOf(Commitment c) {
        Commitment known = s.log.commitment(c.round());
        if (known != null && known.pi().equals(c.pi())) {
            return s.log.proposer(c.round());
        }
        return Leaders.proposer(s.config, s.crypto, c.height(), c.round(), s.tip.blockId(), c.pi());
    }

    private boolean verifySignature(ConsensusMessage m) {
        return s.crypto.verify(s.validators.get(m.sender()).signingKey(), m.signBytes(), m.signature());
    }

    private Verdict onProposal(Proposal p) {
        Proposal known = s.log.proposal(p.round());
        if (p.equals(known)) {
            return Verdict.reject(RejectCode.DUPLICATE_VOTE, "proposal already known");
        }
        Verdict v = proposalShape(p);
        if (v.accepted()) {
            v = proposalCommitment(p);
        }
        if (v.accepted() && !verifySignature(p)) {
            v = Verdict.reject(RejectCode.BAD_SIGNATURE, "proposal signature");
        }
        if (v.accepted() && known != null) {
            s.emit(new Effect.EvidenceFound(new Equivocation(p.sender(), known, p)));
            v = Verdict.reject(RejectCode.EQUIVOCATION, "second proposal for round " + p.round());
        }
        if (v.accepted()) {
            s.log.putProposal(p);
        }
        return v;
    }

    private Verdict proposalShape(Proposal p) {
        BlockHeader b = p.block();
        if (p.validRound() < -1 || p.validRound() >= p.round() || b.height() != p.height()
                || p.blockId() == null || !p.blockId().equals(b.id())) {
            return Verdict.reject(RejectCode.MALFORMED, "validRound, block height or block id inconsistent");
        }
        Commitment c = p.commitment();
        if (c == null || c.height() != p.height() || c.round() != p.round() || !c.chainId().equals(p.chainId())) {
            return Verdict.reject(RejectCode.MALFORMED, "proposal does not carry its round's commitment");
        }
        return Verdict.ACCEPT;
    }

    /** The carried commitment must be valid and select the sender; a fresh block must be of this round. */
    private Verdict proposalCommitment(Proposal p) {
        Commitment c = p.commitment();
        Verdict v = verifyCommitment(c);
        if (!v.accepted()) {
            return v;
        }
        int proposer = proposerOf(c);
        if (s.log.commitment(c.round()) == null) {
            s.log.putCommitment(c, proposer);
        }
        if (proposer != p.proposerIndex()) {
            return Verdict.reject(RejectCode.WRONG_PROPOSER, "round " + p.round() + " selects validator " + proposer);
        }
        BlockHeader b = p.block();
        boolean fresh = p.validRound() == -1;
        if (fresh && (b.round() != p.round() || b.proposerIndex() != p.proposerIndex() || !b.commitmentPi().equals(c.pi()))) {
            return Verdict.reject(RejectCode.INVALID_BLOCK, "fresh block not made in the proposal's round by its proposer");
        }
        if (!fresh && b.round() > p.validRound()) {
            return Verdict.reject(RejectCode.INVALID_BLOCK, "re-proposed block is younger than its validRound");
        }
        return Verdict.ACCEPT;
    }

    private Verdict onVote(Vote vote) {
        VoteBook book = s.log.votes(vote.type(), vote.round());
        Vote known = book.existing(vote.validatorIndex());
        if (vote.equals(known)) {
            return Verdict.reject(RejectCode.DUPLICATE_VOTE, vote.type() + " already counted");
        }
        if (vote.blockId() != null && vote.blockId().length() != BlockHeader.HASH_LENGTH) {
            return Verdict.reject(RejectCode.MALFORMED, "block id must be 32 bytes");
        }
        if (!verifySignature(vote)) {
            return Verdict.reject(RejectCode.BAD_SIGNATURE, vote.type() + " signature");
        }
        if (known != null) {
            if (VoteBook.key(known.blockId()).equals(VoteBook.key(vote.blockId()))) {
                return Verdict.reject(RejectCode.DUPLICATE_VOTE, vote.type() + " already counted (new signature)");
            }
            s.emit(new Effect.EvidenceFound(new Equivocation(vote.sender(), known, vote)));
            return Verdict.reject(RejectCode.EQUIVOCATION, "second " + vote.type() + " in round " + vote.round());
        }
        book.add(vote);
        if (vote.type() == VoteType.PRECOMMIT && vote.blockId() != null) {
            s.log.markDecisionCandidate(vote.round());
        }
        return Verdict.ACCEPT;
    }
}
