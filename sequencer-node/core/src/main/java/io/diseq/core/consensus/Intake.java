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
    /**
     * Values an equivocating validator is tallied for per (round, vote type) regardless of relevance;
     * beyond this only nil or a block whose proposal is known is tallied (bounds memory, keeps liveness).
     */
    static final int MAX_VALUES_PER_VOTER = 2;
    /** Distinct proposals of one round kept (the first is the one prevoted on; all serve decisions). */
    static final int MAX_PROPOSALS_PER_ROUND = 4;

    private final CoreState s;

    Intake(CoreState s) {
        this.s = s;
    }

    /** The outcome for a message: recorded for this height, buffered for the next, or rejected. */
    enum Result { ACCEPTED, BUFFERED, REJECTED }

    Result admit(ConsensusMessage m) {
        Verdict v = envelope(m);
        if (v.accepted() && m.height() > s.height) {
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

    /** Chain, sender, shape, height and round window; accepts a next-height message for buffering. */
    private Verdict envelope(ConsensusMessage m) {
        if (!s.config.chainId().equals(m.chainId())) {
            return Verdict.reject(RejectCode.WRONG_CHAIN, "chain " + m.chainId());
        }
        if (!s.validators.contains(m.sender())) {
            return Verdict.reject(RejectCode.UNKNOWN_VALIDATOR, "validator index " + m.sender());
        }
        if (m.round() < 0 || m.height() < 1 || m.signature() == null || missingField(m)) {
            return Verdict.reject(RejectCode.MALFORMED, "negative round, height 0 or a missing field");
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

    /**
     * Buffers a message of the next height (accepted here, verified when replayed) or rejects a later
     * one. f+1 distinct senders ahead of this node (unverified, so only a hint) emit SyncNeeded, again
     * at most once per base propose timeout while they keep arriving.
     */
    private static boolean missingField(ConsensusMessage m) {
        if (m instanceof Commitment c) {
            return c.pi() == null;
        }
        if (m instanceof Proposal p) {
            return p.block() == null || p.blockId() == null || p.commitment() == null || missingField(p.commitment())
                    || p.commitment().signature() == null || p.commitment().chainId() == null;
        }
        return ((Vote) m).type() == null;
    }

    private Verdict future(ConsensusMessage m) {
        s.aheadSenders.add(m.sender());
        boolean hintDue = s.syncHintedHeight < s.height
                || s.nowMs - s.syncHintedAtMs >= s.config.timeouts().proposeBaseMs();
        if (s.aheadSenders.size() >= s.validators.oneHonest() && hintDue) {
            s.syncHintedHeight = s.height;
            s.syncHintedAtMs = s.nowMs;
            s.emit(new Effect.SyncNeeded(m.height()));
        }
        boolean room = s.bufferedBySender.getOrDefault(m.sender(), 0) < NEXT_HEIGHT_BUFFER_PER_VALIDATOR;
        if (m.height() == s.height + 1 && room) {
            s.nextHeightBuffer.add(m);
            s.bufferedBySender.merge(m.sender(), 1, Integer::sum);
            return Verdict.ACCEPT;
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
        if (p.blockId() != null && s.log.proposal(p.round(), p.blockId()) != null) {
            return Verdict.reject(RejectCode.DUPLICATE_VOTE, "proposal of this block already known");
        }
        Proposal known = s.log.proposal(p.round());
        Verdict v = proposalShape(p);
        if (v.accepted()) {
            v = proposalCommitment(p);
        }
        if (v.accepted() && !verifySignature(p)) {
            v = Verdict.reject(RejectCode.BAD_SIGNATURE, "proposal signature");
        }
        if (v.accepted()) {
            v = admitPolka(p);
        }
        if (v.accepted() && known != null) {
            s.emit(new Effect.EvidenceFound(new Equivocation(p.sender(), known, p)));
            if (s.log.proposalCount(p.round()) >= MAX_PROPOSALS_PER_ROUND) {
                v = Verdict.reject(RejectCode.EQUIVOCATION, "too many proposals for round " + p.round());
            }
        }
        if (v.accepted()) {
            s.log.putProposal(p);
        }
        return v;
    }

    /**
     * Adds a re-proposal's polka to the prevote tallies of its validRound. Each vote must be a prevote
     * of that round for the proposed block and pass the vote checks; a bad one rejects the proposal.
     */
    private Verdict admitPolka(Proposal p) {
        if (p.polka().size() > s.validators.size() || (p.validRound() < 0 && !p.polka().isEmpty())) {
            return Verdict.reject(RejectCode.MALFORMED, "polka too large or on a fresh proposal");
        }
        for (Vote vote : p.polka()) {
            if (vote.type() != VoteType.PREVOTE || vote.height() != p.height() || vote.round() != p.validRound()
                    || !p.blockId().equals(vote.blockId()) || !s.config.chainId().equals(vote.chainId())
                    || !s.validators.contains(vote.validatorIndex())) {
                return Verdict.reject(RejectCode.MALFORMED, "polka vote is not a prevote of validRound for the block");
            }
            Verdict v = onVote(vote);
            if (v instanceof Verdict.Reject r && r.code() != RejectCode.DUPLICATE_VOTE) {
                return Verdict.reject(r.code(), "polka: " + r.detail());
            }
        }
        return Verdict.ACCEPT;
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
        if (proposer != p.proposerIndex() && s.rules.requireSelectedProposer()) {
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
        boolean again = book.existing(vote.validatorIndex(), vote.blockId()) != null;
        if (again && s.rules.countEachSignerOnce()) {
            return Verdict.reject(RejectCode.DUPLICATE_VOTE, vote.type() + " for this value already counted");
        }
        if (vote.blockId() != null && vote.blockId().length() != BlockHeader.HASH_LENGTH) {
            return Verdict.reject(RejectCode.MALFORMED, "block id must be 32 bytes");
        }
        if (!verifySignature(vote)) {
            return Verdict.reject(RejectCode.BAD_SIGNATURE, vote.type() + " signature");
        }
        if (again) { // only a planted-bug core (ConsensusRules#countEachSignerOnce) gets here
            book.countAgain(vote);
            return Verdict.ACCEPT;
        }
        int values = book.valuesOf(vote.validatorIndex());
        if (values > 0) {
            s.emit(new Effect.EvidenceFound(new Equivocation(vote.sender(), book.conflicting(vote), vote)));
            boolean relevant = vote.blockId() == null || s.log.header(vote.blockId()) != null;
            if (values >= MAX_VALUES_PER_VOTER && !relevant) {
                return Verdict.reject(RejectCode.EQUIVOCATION, vote.type() + " for a " + (values + 1)
                        + "th value in round " + vote.round() + ": evidence recorded, not tallied");
            }
        }
        book.add(vote);
        if (vote.type() == VoteType.PRECOMMIT && vote.blockId() != null) {
            s.log.markDecisionCandidate(vote.round());
        }
        return Verdict.ACCEPT;
    }
}
