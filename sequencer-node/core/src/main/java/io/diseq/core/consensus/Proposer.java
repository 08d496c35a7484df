package io.diseq.core.consensus;

import io.diseq.core.chain.BlockContent;
import io.diseq.core.chain.BlockHeader;
import io.diseq.core.chain.ContentRule;
import io.diseq.core.chain.Leaders;
import io.diseq.core.chain.SignBytes;
import io.diseq.core.util.Bytes;

/**
 * The committer's and the proposer's duties of a round (docs/protocol.md §7.6–7.8, Algorithm 1 lines
 * 14–19): the committer of (h, r) proves the VRF and broadcasts its commitment; the validator it
 * selects proposes its validValue (with validRound) or a new block assembled from its input log.
 */
final class Proposer {
    private final CoreState s;
    private final Voter voter;

    Proposer(CoreState s, Voter voter) {
        this.s = s;
        this.voter = voter;
    }

    void commitIfCommitter() {
        if (!s.isValidator() || s.validators.committerIndex(s.height, s.round) != s.self
                || s.log.commitment(s.round) != null) {
            return;
        }
        Bytes pi = Bytes.wrap(s.crypto.vrfProve(SignBytes.vrfAlpha(s.config.chainId(), s.height, s.round, s.tip.blockId())));
        Bytes signature = voter.sign(SignStep.COMMITMENT, SignBytes.commitment(s.config.chainId(), s.height, s.round, pi), pi);
        if (signature == null) {
            return;
        }
        Commitment c = new Commitment(s.config.chainId(), s.height, s.round, s.self, pi, signature);
        s.emit(new Effect.Broadcast(c));
        s.log.putCommitment(c, Leaders.proposer(s.config, s.crypto, s.height, s.round, s.tip.blockId(), pi));
        s.log.noteSender(s.round, s.self);
    }

    /** Proposes once per round, when this validator is the round's selected proposer and still in propose. */
    void enterPropose() {
        if (!s.isValidator() || s.waiting || s.step != Step.PROPOSE || s.log.proposer(s.round) != s.self
                || s.proposedRounds.contains(s.round)) {
            return;
        }
        Commitment c = s.log.commitment(s.round);
        BlockHeader block = s.validBlock != null ? s.validBlock : newBlock(c);
        if (block == null) {
            return; // state-trie nodes are being loaded; evaluate() tries again when they arrive
        }
        s.proposedRounds.add(s.round);
        Bytes id = s.validBlock != null ? s.validId : block.id();
        byte[] signBytes = SignBytes.proposal(s.config.chainId(), s.height, s.round, s.validRound, id, c.pi());
        Bytes signature = voter.sign(SignStep.PROPOSAL, signBytes, id);
        if (signature == null) {
            return;
        }
        Proposal p = new Proposal(s.config.chainId(), s.height, s.round, s.validRound, block, id, c, s.self, signature,
                s.validPolka());
        s.emit(new Effect.Broadcast(p));
        s.log.putProposal(p);
        s.log.noteSender(s.round, s.self);
    }

    private BlockHeader newBlock(Commitment c) {
        ContentRule.Outcome outcome = ContentRule.assembleOrMissing(s.config, s.tip, s.height, s.inputLog, s.stateView());
        if (outcome instanceof ContentRule.Outcome.MissingNodes m) {
            s.emit(new Effect.NeedTrieNodes(m.hashes()));
            return null;
        }
        BlockContent content = ((ContentRule.Outcome.Available) outcome).content();
        long timestamp = Math.max(s.nowMs, s.tip.header().timestampMs() + 1);
        BlockHeader header = new BlockHeader(s.config.chainId(), s.height, s.round, s.tip.blockId(), timestamp, s.self,
                c.committerIndex(), c.pi(), content.ranges(), content.messages().size(), content.messagesRoot(),
                content.stateRoot(), s.validators.hash());
        s.judge.rememberValid(header.id(), content);
        return header;
    }
}
