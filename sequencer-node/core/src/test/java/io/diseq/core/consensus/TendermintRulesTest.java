package io.diseq.core.consensus;

import static org.assertj.core.api.Assertions.assertThat;

import io.diseq.core.chain.BlockHeader;
import io.diseq.core.chain.RejectCode;
import io.diseq.core.chain.Verdict;
import io.diseq.core.trie.MerklePatriciaTrie;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * One scenario per rule of Algorithm 1 (arXiv 1807.04938; docs/protocol.md §7.12), line numbers as in
 * the paper: one real core with n = 4 (f = 1, quorum 3), scripted peers, time advanced by hand.
 */
@Tag("scenario")
class TendermintRulesTest {

    // ---- lines 11-21: StartRound, committer and proposer ----

    @Test
    void line11_committerBroadcastsItsCommitmentWhenTheRoundStarts() {
        Scenario s = Scenario.builder().self(1).start(); // committer of (1, 0) = (1 + 0) mod 4
        List<ConsensusMessage> sent = s.broadcastLast();
        assertThat(sent).anyMatch(m -> m instanceof Commitment c && c.round() == 0 && c.committerIndex() == 1);
        s.expectTimeout(TimeoutStep.PROPOSE, 0);
    }

    @Test
    void lines14to19_selectedProposerProposesAFreshBlockOnceTheCommitmentArrives() {
        Scenario s = Scenario.builder().selfProposesRound(0).layout(l -> l.committer(0) != l.self()).start();
        assertThat(s.broadcastLast()).noneMatch(m -> m instanceof Proposal);
        s.inject(s.commitment(0));
        Proposal p = (Proposal) s.broadcastLast().stream().filter(m -> m instanceof Proposal).findFirst().orElseThrow();
        assertThat(p.validRound()).isEqualTo(-1);
        assertThat(p.block().round()).isZero();
        assertThat(p.block().messageCount()).isEqualTo(3);
        assertThat(p.block()).isEqualTo(s.block(0));
    }

    @Test
    void line15_proposerReproposesItsValidValueWithValidRound() {
        Scenario s = Scenario.builder().selfProposesRound(1)
                .layout(l -> l.proposer(0) != l.self() && l.committer(0) != l.self() && l.committer(1) != l.self())
                .start();
        BlockHeader b = s.block(0);
        s.inject(s.proposal(0, b));
        s.expectPrevote(b);
        s.prevotes(0, b, s.peers(2));
        s.expectPrecommit(b);
        s.precommits(0, null, s.peers(2));
        s.expectTimeout(TimeoutStep.PRECOMMIT, 0);
        s.fire(TimeoutStep.PRECOMMIT, 0);
        s.inject(s.commitment(1));
        Proposal p = (Proposal) s.broadcastLast().stream().filter(m -> m instanceof Proposal).findFirst().orElseThrow();
        assertThat(p.round()).isEqualTo(1);
        assertThat(p.validRound()).isZero();
        assertThat(p.block()).isEqualTo(b);
    }

    // ---- lines 22-27: prevote on a fresh proposal ----

    @Test
    void line22_prevotesForAValidFreshProposal() {
        Scenario s = Scenario.builder().selfIsBystander().start();
        BlockHeader b = s.block(0);
        s.inject(s.proposal(0, b));
        s.expectPrevote(b);
    }

    @Test
    void line26_prevotesNilForAnInvalidFreshProposal() {
        Scenario s = Scenario.builder().selfIsBystander().start();
        BlockHeader bad = s.block(0, h -> withStateRoot(h, MerklePatriciaTrie.EMPTY_ROOT));
        s.inject(s.proposal(0, bad));
        s.expectPrevote(null);
        s.expectRejected(RejectCode.INVALID_BLOCK);
    }

    @Test
    void line23_lockedValidatorPrevotesNilForAnotherFreshBlock() {
        Scenario s = lockedOnRound0Block();
        BlockHeader other = s.emptyBlock(1);
        s.inject(s.proposal(1, other));
        s.expectPrevote(null);
    }

    @Test
    void line26_freshProposalBeyondTheClockDriftIsPrevotedNil() {
        Scenario s = Scenario.builder().selfIsBystander().start();
        BlockHeader b = s.block(0, h -> withTimestamp(h, s.nowMs + 60_000));
        s.inject(s.proposal(0, b));
        s.expectPrevote(null);
        s.expectRejected(RejectCode.INVALID_BLOCK);
    }

    // ---- lines 28-33: prevote on a re-proposal ----

    @Test
    void line29_lockedValidatorPrevotesItsLockedBlockReproposed() {
        Scenario s = lockedOnRound0Block();
        BlockHeader b = s.block(0);
        s.inject(s.proposal(1, 0, b));
        s.expectPrevote(b);
    }

    @Test
    void line29_reproposalWithValidRoundAtLeastTheLockIsPrevoted() {
        Scenario s = lockedOnRound0Block();
        BlockHeader c = s.block(1);
        s.fire(TimeoutStep.PROPOSE, 1);
        s.expectPrevote(null);
        s.prevotes(1, c, s.peers(3));
        s.fire(TimeoutStep.PREVOTE, 1);
        s.expectPrecommit(null);
        s.precommits(1, null, s.peers(2));
        s.fire(TimeoutStep.PRECOMMIT, 1);
        assertThat(s.core.status().lockedRound()).isZero();
        s.inject(s.proposal(2, 1, c));
        s.expectPrevote(c);
    }

    @Test
    void line32_reproposalOlderThanTheLockIsPrevotedNil() {
        Scenario s = Scenario.builder().selfIsBystander().start();
        BlockHeader b = s.block(0);
        s.fire(TimeoutStep.PROPOSE, 0);
        s.expectPrevote(null);
        s.prevotes(0, b, s.peers(3)); // a polka for b that this node never saw proposed
        s.fire(TimeoutStep.PREVOTE, 0);
        s.precommits(0, null, s.peers(2));
        s.fire(TimeoutStep.PRECOMMIT, 0);
        BlockHeader c = s.block(1);
        s.inject(s.proposal(1, c));
        s.expectPrevote(c);
        s.prevotes(1, c, s.peers(2));
        s.expectPrecommit(c); // locked on c in round 1
        s.precommits(1, null, s.peers(2));
        s.fire(TimeoutStep.PRECOMMIT, 1);
        s.inject(s.proposal(2, 0, b));
        s.expectPrevote(null);
    }

    @Test
    void line28_reproposalWaitsForThePolkaOfItsValidRound() {
        Scenario s = Scenario.builder().selfIsBystander().start();
        BlockHeader b = s.block(0);
        s.fire(TimeoutStep.PROPOSE, 0);
        s.fire(TimeoutStep.PREVOTE, 0);
        s.precommits(0, null, s.peers(2));
        s.fire(TimeoutStep.PRECOMMIT, 0);
        s.inject(s.proposal(1, 0, b));
        s.expectNoVote();
        int[] peers = s.peers(3);
        s.prevotes(0, b, peers[0], peers[1]);
        s.expectNoVote();
        s.inject(s.prevote(peers[2], 0, b));
        s.expectPrevote(b);
    }

    @Test
    void line28_reproposalCarryingItsPolkaIsPrevotedByANodeThatNeverSawThePolka() {
        Scenario s = Scenario.builder().selfIsBystander().start();
        BlockHeader b = s.block(0);
        s.fire(TimeoutStep.PROPOSE, 0);
        s.fire(TimeoutStep.PREVOTE, 0);
        s.precommits(0, null, s.peers(2));
        s.fire(TimeoutStep.PRECOMMIT, 0);
        int[] peers = s.peers(3);
        Proposal bare = s.proposal(1, 0, b);
        java.util.List<Vote> polka = java.util.List.of(s.prevote(peers[0], 0, b), s.prevote(peers[1], 0, b),
                s.prevote(peers[2], 0, b));
        s.inject(new Proposal(bare.chainId(), bare.height(), bare.round(), bare.validRound(), bare.block(),
                bare.blockId(), bare.commitment(), bare.proposerIndex(), bare.signature(), polka));
        s.expectPrevote(b);
    }

    @Test
    void line15_aReproposalCarriesThePolkaOfItsValidRoundEvenAfterARestart() {
        Scenario s = Scenario.builder().selfProposesRound(2)
                .layout(l -> l.proposer(0) != l.self() && l.committer(0) != l.self() && l.committer(2) != l.self())
                .start();
        BlockHeader b = s.block(0);
        s.inject(s.proposal(0, b));
        s.prevotes(0, b, s.peers(2));
        s.expectPrecommit(b);
        s.restart(); // polka restored from the signer state
        s.prevotes(2, null, s.peers(2)); // skip to round 2
        s.inject(s.commitment(2));
        Proposal p = (Proposal) s.broadcastLast().stream().filter(m -> m instanceof Proposal).findFirst().orElseThrow();
        assertThat(p.validRound()).isZero();
        assertThat(p.polka()).hasSize(3).allMatch(v -> b.id().equals(v.blockId()) && v.round() == 0);
    }

    // ---- lines 34-46: on 2f+1 prevotes ----

    @Test
    void line34_prevoteTimeoutIsScheduledOnTwoThirdsOfAnyPrevotes() {
        Scenario s = Scenario.builder().selfIsBystander().start();
        BlockHeader b = s.block(0);
        s.inject(s.proposal(0, b));
        s.inject(s.prevote(s.peers(2)[0], 0, null));
        s.inject(s.prevote(s.peers(2)[1], 0, s.emptyBlock(0)));
        s.expectTimeout(TimeoutStep.PREVOTE, 0);
        s.expectNoVote();
    }

    @Test
    void line36_polkaLocksPersistsThenPrecommits() {
        Scenario s = Scenario.builder().selfIsBystander().start();
        BlockHeader b = s.block(0);
        s.inject(s.proposal(0, b));
        s.prevotes(0, b, s.peers(2));
        s.expectPrecommit(b);
        int persist = indexOf(s.last, Effect.PersistSignerState.class);
        int send = indexOf(s.last, Effect.Broadcast.class);
        assertThat(persist).isNotNegative().isLessThan(send);
        SignerState st = ((Effect.PersistSignerState) s.last.get(persist)).state();
        assertThat(st.lockedRound()).isZero();
        assertThat(st.lockedBlock()).isEqualTo(b);
        assertThat(st.step()).isEqualTo(SignStep.PRECOMMIT);
    }

    @Test
    void line36_polkaAfterPrecommitStepOnlyUpdatesTheValidValue() {
        Scenario s = Scenario.builder().selfIsBystander().start();
        BlockHeader b = s.block(0);
        s.inject(s.proposal(0, b));
        s.inject(s.prevote(s.peers(1)[0], 0, null));
        s.inject(s.prevote(s.peers(2)[1], 0, b));
        s.fire(TimeoutStep.PREVOTE, 0);
        s.expectPrecommit(null);
        s.inject(s.prevote(s.peers(3)[2], 0, b));
        s.expectNoVote();
        assertThat(s.core.status().validRound()).isZero();
        assertThat(s.core.status().lockedRound()).isEqualTo(-1);
        // the new valid value is persisted (a restart re-proposes it): PIT showed the persist could be removed unnoticed
        assertThat(s.last).filteredOn(e -> e instanceof Effect.PersistSignerState)
                .extracting(e -> ((Effect.PersistSignerState) e).state().validRound()).containsExactly(0);
    }

    /** Lines 34 and 47: both timeouts fire their configured delay after the quorum of votes (PIT: "+" → "−" survived). */
    @Test
    void lines34and47_prevoteAndPrecommitTimeoutsFireAfterTheirDelays() {
        Scenario s = Scenario.builder().selfIsBystander().start();
        BlockHeader b = s.block(0);
        s.inject(s.proposal(0, b));
        s.inject(s.prevote(s.peers(2)[0], 0, null));
        s.inject(s.prevote(s.peers(2)[1], 0, s.emptyBlock(0)));
        long prevoteAt = s.nowMs + s.core.config().timeouts().prevoteMs(0);
        assertThat(s.last).filteredOn(e -> e instanceof Effect.ScheduleTimeout t && t.step() == TimeoutStep.PREVOTE)
                .extracting(e -> ((Effect.ScheduleTimeout) e).fireAtMs()).containsExactly(prevoteAt);
        s.fire(TimeoutStep.PREVOTE, 0);
        s.inject(s.precommit(s.peers(2)[0], 0, null));
        s.inject(s.precommit(s.peers(2)[1], 0, null));
        long precommitAt = s.nowMs + s.core.config().timeouts().precommitMs(0);
        assertThat(s.last).filteredOn(e -> e instanceof Effect.ScheduleTimeout t && t.step() == TimeoutStep.PRECOMMIT)
                .extracting(e -> ((Effect.ScheduleTimeout) e).fireAtMs()).containsExactly(precommitAt);
    }

    @Test
    void line44_nilPolkaPrecommitsNil() {
        Scenario s = Scenario.builder().selfIsBystander().start();
        s.fire(TimeoutStep.PROPOSE, 0);
        s.expectPrevote(null);
        s.prevotes(0, null, s.peers(2));
        s.expectPrecommit(null);
    }

    // ---- lines 47-54: on 2f+1 precommits ----

    @Test
    void line47_precommitTimeoutIsScheduledOnTwoThirdsOfAnyPrecommits() {
        Scenario s = Scenario.builder().selfIsBystander().start();
        BlockHeader b = s.block(0);
        s.inject(s.proposal(0, b));
        s.inject(s.precommit(s.peers(3)[0], 0, b));
        s.inject(s.precommit(s.peers(3)[1], 0, null));
        s.inject(s.precommit(s.peers(3)[2], 0, s.emptyBlock(0)));
        s.expectTimeout(TimeoutStep.PRECOMMIT, 0);
        assertThat(s.core.status().height()).isEqualTo(1);
    }

    @Test
    void line49_decidesOnTwoThirdsOfPrecommitsWithAVerifiableCertificate() {
        Scenario s = Scenario.builder().selfIsBystander().start();
        BlockHeader b = s.block(0);
        s.inject(s.proposal(0, b));
        s.precommits(0, b, s.peers(3));
        var d = s.decided().block();
        assertThat(d.header()).isEqualTo(b);
        assertThat(d.messages()).hasSize(3);
        assertThat(d.certificate().signatures()).hasSize(3);
        assertThat(d.certificate().verify(s.config.chainId(), s.config.validators(), Scenario.crypto(0), 1, b.id()))
                .isEqualTo(Verdict.ACCEPT);
        assertThat(s.core.status().height()).isEqualTo(2);
        assertThat(d.tip().nextOffset(0)).isEqualTo(2);
        assertThat(d.tip().nextOffset(1)).isEqualTo(1);
    }

    @Test
    void line49_decidesOnPrecommitsOfAnEarlierRound() {
        Scenario s = Scenario.builder().selfIsBystander().start();
        BlockHeader b = s.block(0);
        s.inject(s.proposal(0, b));
        s.fire(TimeoutStep.PREVOTE, 0); // not in prevote step (already prevoted b? then stale): harmless
        s.prevotes(2, null, s.peers(2)); // skip to round 2
        assertThat(s.core.status().round()).isEqualTo(2);
        s.precommits(0, b, s.peers(3));
        assertThat(s.decided().block().certificate().round()).isZero();
    }

    @Test
    void line49_aDecisionWaitsForTheRecordsThenCompletes() {
        Scenario s = Scenario.builder().selfIsBystander().selfLacksInput().start();
        BlockHeader b = s.block(0);
        s.inject(s.proposal(0, b));
        s.precommits(0, b, s.peers(3));
        assertThat(s.lastOf(Effect.PersistDecidedBlock.class)).isEmpty();
        s.deliverInput();
        assertThat(s.decided().block().header()).isEqualTo(b);
    }

    // ---- lines 55-56: round skip ----

    @Test
    void line55_skipsToAHigherRoundOnlyOnFPlusOneSenders() {
        Scenario s = Scenario.builder().selfIsBystander().start();
        s.inject(s.prevote(s.peers(2)[0], 3, null));
        assertThat(s.core.status().round()).isZero();
        s.inject(s.precommit(s.peers(2)[1], 3, null));
        assertThat(s.core.status().round()).isEqualTo(3);
        s.expectTimeout(TimeoutStep.PROPOSE, 3);
    }

    // ---- lines 57-65: timeouts ----

    @Test
    void line57_proposeTimeoutPrevotesNil() {
        Scenario s = Scenario.builder().selfIsBystander().start();
        s.fire(TimeoutStep.PROPOSE, 0);
        s.expectPrevote(null);
        assertThat(s.core.status().step()).isEqualTo(Step.PREVOTE);
    }

    @Test
    void line61_prevoteTimeoutPrecommitsNil() {
        Scenario s = Scenario.builder().selfIsBystander().start();
        s.fire(TimeoutStep.PROPOSE, 0);
        s.fire(TimeoutStep.PREVOTE, 0);
        s.expectPrecommit(null);
    }

    @Test
    void line65_precommitTimeoutStartsTheNextRoundWithALongerTimeout() {
        Scenario s = Scenario.builder().selfIsBystander().start();
        s.fire(TimeoutStep.PRECOMMIT, 0);
        assertThat(s.core.status().round()).isEqualTo(1);
        var t = s.lastOf(Effect.ScheduleTimeout.class).get(0);
        assertThat(t.fireAtMs() - s.nowMs).isEqualTo(1500);
    }

    @Test
    void staleTimeoutsAreIgnored() {
        Scenario s = Scenario.builder().selfIsBystander().start();
        s.fire(TimeoutStep.PRECOMMIT, 0);
        assertThat(s.fire(TimeoutStep.PROPOSE, 0)).isEmpty();
        assertThat(s.fire(TimeoutStep.PREVOTE, 1)).isEmpty();
        assertThat(s.step(new Event.TimeoutFired(7, 1, TimeoutStep.PROPOSE))).isEmpty();
    }

    // ---- helpers ----

    /** A bystander locked on round 0's block, now in round 1 (peers precommitted nil). */
    private static Scenario lockedOnRound0Block() {
        Scenario s = Scenario.builder().selfIsBystander().start();
        BlockHeader b = s.block(0);
        s.inject(s.proposal(0, b));
        s.prevotes(0, b, s.peers(2));
        s.expectPrecommit(b);
        s.precommits(0, null, s.peers(2));
        s.fire(TimeoutStep.PRECOMMIT, 0);
        assertThat(s.core.status().round()).isEqualTo(1);
        assertThat(s.core.status().lockedRound()).isZero();
        return s;
    }

    static int indexOf(List<Effect> effects, Class<? extends Effect> type) {
        for (int i = 0; i < effects.size(); i++) {
            if (type.isInstance(effects.get(i))) {
                return i;
            }
        }
        return -1;
    }

    static BlockHeader withStateRoot(BlockHeader h, io.diseq.core.util.Bytes root) {
        return new BlockHeader(h.chainId(), h.height(), h.round(), h.parentHash(), h.timestampMs(), h.proposerIndex(),
                h.committerIndex(), h.commitmentPi(), h.ranges(), h.messageCount(), h.messagesRoot(), root,
                h.validatorSetHash());
    }

    static BlockHeader withTimestamp(BlockHeader h, long ts) {
        return new BlockHeader(h.chainId(), h.height(), h.round(), h.parentHash(), ts, h.proposerIndex(),
                h.committerIndex(), h.commitmentPi(), h.ranges(), h.messageCount(), h.messagesRoot(), h.stateRoot(),
                h.validatorSetHash());
    }
}
