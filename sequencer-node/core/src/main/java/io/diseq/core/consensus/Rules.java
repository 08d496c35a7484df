package io.diseq.core.consensus;

import io.diseq.core.chain.RejectCode;
import io.diseq.core.util.Bytes;

/**
 * The upon-rules of Tendermint's Algorithm 1 (arXiv 1807.04938; docs/protocol.md §7.12) for the
 * current round: prevote on a proposal (lines 22–33), timeouts and locks on 2f+1 prevotes (34–46),
 * the precommit timeout (47–48) and the f+1 round skip (55–56). Proposing, signing and deciding live
 * in {@link Proposer}, {@link Voter} and {@link Decider}. {@link #evaluate} applies rules until none fires.
 */
final class Rules {
    private static final int MAX_PASSES = 16;

    private final CoreState s;
    private final Voter voter;
    private final Proposer proposer;
    private final Decider decider;

    Rules(CoreState s, Voter voter, Proposer proposer, Decider decider) {
        this.s = s;
        this.voter = voter;
        this.proposer = proposer;
        this.decider = decider;
    }

    /** StartRound(r), lines 11–21: the committer commits, the selected proposer proposes. */
    void startRound(int r) {
        s.waiting = false;
        s.round = r;
        s.step = Step.PROPOSE;
        s.emit(new Effect.ScheduleTimeout(s.height, r, TimeoutStep.PROPOSE, s.nowMs + s.config.timeouts().proposeMs(r)));
        proposer.commitIfCommitter();
        proposer.enterPropose();
    }

    /** Applies every rule that holds, repeatedly, until none fires or the height changes. */
    void evaluate() {
        long height = s.height;
        for (int pass = 0; pass < MAX_PASSES && height == s.height && !s.waiting; pass++) {
            if (decider.tryDecide()) {
                return;
            }
            boolean fired = skipRound();
            proposer.enterPropose();
            fired |= prevoteOnProposal();
            fired |= prevoteQuorum();
            fired |= precommitQuorum();
            if (!fired) {
                return;
            }
        }
    }

    /** Lines 55–56: f+1 distinct senders in a higher round; the highest such round is entered at once. */
    private boolean skipRound() {
        for (int r = s.log.highestRound(); r > s.round; r--) {
            if (s.log.senders(r) >= s.rules.skipThreshold(s.validators)) {
                startRound(r);
                return true;
            }
        }
        return false;
    }

    /** Lines 22–33: the first prevote of the round, once the proposal can be judged. */
    private boolean prevoteOnProposal() {
        Proposal p = s.log.proposal(s.round);
        if (s.step != Step.PROPOSE || p == null) {
            return false;
        }
        return p.validRound() == -1 ? prevoteFresh(p) : prevoteReproposal(p);
    }

    /** Lines 22–27. */
    private boolean prevoteFresh(Proposal p) {
        BlockJudge.Judgement j = s.judge.judge(s.tip, p.block(), p.blockId());
        if (j instanceof BlockJudge.Judgement.Unavailable) {
            return false; // wait for input until timeoutPropose (line 57)
        }
        boolean valid = acceptable(p, j) && timely(p);
        boolean lockAllows = !s.rules.honorLock() || s.lockedRound == -1 || p.blockId().equals(s.lockedId);
        voter.enterPrevote(valid && lockAllows ? p.blockId() : null);
        return true;
    }

    /** Lines 28–33: a re-proposal is considered once 2f+1 prevotes of its validRound are seen. */
    private boolean prevoteReproposal(Proposal p) {
        int vr = p.validRound();
        if (s.log.votes(VoteType.PREVOTE, vr).count(p.blockId()) < s.quorum()) {
            return false;
        }
        BlockJudge.Judgement j = s.judge.judge(s.tip, p.block(), p.blockId());
        if (j instanceof BlockJudge.Judgement.Unavailable) {
            return false;
        }
        boolean lockAllows = !s.rules.honorLock() || !s.rules.honorLockOnReproposal() || s.lockedRound <= vr
                || p.blockId().equals(s.lockedId);
        voter.enterPrevote(acceptable(p, j) && lockAllows ? p.blockId() : null);
        return true;
    }

    /** valid(v); reports an invalid block once per block id. */
    private boolean acceptable(Proposal p, BlockJudge.Judgement j) {
        if (j instanceof BlockJudge.Judgement.Invalid invalid) {
            if (s.reportedInvalid.add(p.blockId())) {
                s.reject(RejectCode.INVALID_BLOCK, invalid.detail(), p);
            }
            return false;
        }
        return true;
    }

    private boolean timely(Proposal p) {
        String untimely = s.judge.untimely(p.block(), s.nowMs);
        if (untimely != null) {
            s.reject(RejectCode.INVALID_BLOCK, untimely, p);
            return false;
        }
        return true;
    }

    /** Lines 34–46: prevote timeout, lock on a polka for the round's proposal, precommit nil on a nil polka. */
    private boolean prevoteQuorum() {
        VoteBook prevotes = s.log.votes(VoteType.PREVOTE, s.round);
        boolean fired = false;
        if (s.step == Step.PREVOTE && prevotes.total() >= s.quorum() && s.prevoteTimeoutRounds.add(s.round)) {
            s.emit(new Effect.ScheduleTimeout(s.height, s.round, TimeoutStep.PREVOTE,
                    s.nowMs + s.config.timeouts().prevoteMs(s.round)));
        }
        if (s.step != Step.PROPOSE) {
            fired |= lockOnPolka(prevotes);
        }
        if (s.step == Step.PREVOTE && prevotes.count(VoteBook.NIL) >= s.quorum()) {
            voter.enterPrecommit(null);
            fired = true;
        }
        return fired;
    }

    /** Lines 36–43, for the first time in this round. */
    private boolean lockOnPolka(VoteBook prevotes) {
        Bytes polka = s.polkaRounds.contains(s.round) ? null : prevotes.blockWithQuorum(s.quorum());
        Proposal p = polka == null ? null : s.log.proposal(s.round, polka);
        if (p == null) {
            return false;
        }
        if (!(s.judge.judge(s.tip, p.block(), p.blockId()) instanceof BlockJudge.Judgement.Valid)) {
            return false;
        }
        s.polkaRounds.add(s.round);
        s.validRound = s.round;
        s.validBlock = p.block();
        s.validId = p.blockId();
        if (s.step == Step.PREVOTE) {
            s.lockedRound = s.round;
            s.lockedBlock = p.block();
            s.lockedId = p.blockId();
            voter.enterPrecommit(p.blockId());
        } else {
            s.persistSigner();
        }
        return true;
    }

    /** Lines 47–48. */
    private boolean precommitQuorum() {
        if (s.log.votes(VoteType.PRECOMMIT, s.round).total() >= s.quorum() && s.precommitTimeoutRounds.add(s.round)) {
            s.emit(new Effect.ScheduleTimeout(s.height, s.round, TimeoutStep.PRECOMMIT,
                    s.nowMs + s.config.timeouts().precommitMs(s.round)));
        }
        return false;
    }

    /** Lines 57–65 and the idle height's empty-block interval; stale timeouts do nothing. */
    void onTimeout(Event.TimeoutFired t) {
        if (t.height() != s.height) {
            return;
        }
        switch (t.step()) {
            case PROPOSE -> {
                if (t.round() == s.round && s.step == Step.PROPOSE && !s.waiting) {
                    reportUnavailable();
                    voter.enterPrevote(null);
                }
            }
            case PREVOTE -> {
                if (t.round() == s.round && s.step == Step.PREVOTE) {
                    voter.enterPrecommit(null);
                }
            }
            case PRECOMMIT -> {
                if (t.round() == s.round) {
                    startRound(s.round + 1);
                }
            }
            case EMPTY_BLOCK -> {
                if (s.waiting) {
                    startRound(0);
                }
            }
        }
        evaluate();
    }

    private void reportUnavailable() {
        Proposal p = s.log.proposal(s.round);
        if (p != null && s.judge.judge(s.tip, p.block(), p.blockId()) instanceof BlockJudge.Judgement.Unavailable u) {
            s.reject(RejectCode.UNAVAILABLE_DATA, u.detail(), p);
        }
    }
}
