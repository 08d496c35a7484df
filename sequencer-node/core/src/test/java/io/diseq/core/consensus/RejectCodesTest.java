package io.diseq.core.consensus;

import static org.assertj.core.api.Assertions.assertThat;

import io.diseq.core.chain.BlockHeader;
import io.diseq.core.chain.CommitSignature;
import io.diseq.core.chain.PartitionRange;
import io.diseq.core.chain.QuorumCertificate;
import io.diseq.core.chain.RejectCode;
import io.diseq.core.chain.SignBytes;
import io.diseq.core.util.Bytes;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** One scenario per {@link RejectCode} (docs/protocol.md §7.15): the verdict, and that nothing was counted. */
@Tag("scenario")
class RejectCodesTest {

    private static Scenario bystander() {
        return Scenario.builder().selfIsBystander().start();
    }

    @Test
    void badSignature() {
        Scenario s = bystander();
        int peer = s.peers(1)[0];
        Vote v = s.prevote(peer, 0, null);
        Vote forged = (Vote) Scenario.withSignature(v, Bytes.wrap(Scenario.crypto(s.peers(2)[1]).sign(v.signBytes())));
        s.inject(forged);
        s.expectRejected(RejectCode.BAD_SIGNATURE);
    }

    @Test
    void unknownValidator() {
        Scenario s = bystander();
        s.inject(Scenario.signed(new Vote(VoteType.PREVOTE, s.config.chainId(), 1, 0, null, 9, Bytes.wrap(new byte[64]))));
        s.expectRejected(RejectCode.UNKNOWN_VALIDATOR);
    }

    @Test
    void wrongChain() {
        Scenario s = bystander();
        s.inject(Scenario.signed(new Vote(VoteType.PREVOTE, "other-chain", 1, 0, null, s.peers(1)[0], null)));
        s.expectRejected(RejectCode.WRONG_CHAIN);
    }

    @Test
    void staleHeight() {
        Scenario s = bystander();
        BlockHeader b = s.block(0);
        s.inject(s.proposal(0, b));
        s.precommits(0, b, s.peers(3));
        assertThat(s.height()).isEqualTo(2);
        s.inject(Scenario.signed(new Vote(VoteType.PRECOMMIT, s.config.chainId(), 1, 0, b.id(), s.peers(1)[0], null)));
        s.expectRejected(RejectCode.STALE_HEIGHT);
    }

    @Test
    void staleRound() {
        Scenario s = bystander();
        s.prevotes(2, null, s.peers(2));
        assertThat(s.core.status().round()).isEqualTo(2);
        s.inject(s.commitment(0));
        s.expectRejected(RejectCode.STALE_ROUND);
    }

    @Test
    void futureHeightBeyondTheNextIsRejectedTheNextIsBuffered() {
        Scenario s = bystander();
        s.inject(Scenario.signed(new Vote(VoteType.PREVOTE, s.config.chainId(), 3, 0, null, s.peers(1)[0], null)));
        s.expectRejected(RejectCode.FUTURE_HEIGHT);
        assertThat(s.inject(Scenario.signed(new Vote(VoteType.PREVOTE, s.config.chainId(), 2, 0, null, s.peers(2)[1], null))))
                .noneMatch(e -> e instanceof Effect.Rejected);
    }

    @Test
    void fPlusOneValidatorsAheadEmitASyncHint() {
        Scenario s = bystander();
        int[] peers = s.peers(2);
        s.inject(Scenario.signed(new Vote(VoteType.PREVOTE, s.config.chainId(), 5, 0, null, peers[0], null)));
        assertThat(s.lastOf(Effect.SyncNeeded.class)).isEmpty();
        s.inject(Scenario.signed(new Vote(VoteType.PREVOTE, s.config.chainId(), 5, 0, null, peers[1], null)));
        assertThat(s.lastOf(Effect.SyncNeeded.class)).singleElement().extracting(Effect.SyncNeeded::height).isEqualTo(5L);
    }

    @Test
    void futureRound() {
        Scenario s = bystander();
        s.inject(s.prevote(s.peers(1)[0], Intake.MAX_ROUNDS_AHEAD + 1, null));
        s.expectRejected(RejectCode.FUTURE_ROUND);
    }

    @Test
    void wrongProposer() {
        Scenario s = bystander();
        BlockHeader b = s.block(0);
        Proposal real = s.proposal(0, b);
        int impostor = (real.proposerIndex() + 1) % 4;
        s.inject(Scenario.signed(new Proposal(real.chainId(), 1, 0, -1, b, b.id(), real.commitment(), impostor, null)));
        s.expectRejected(RejectCode.WRONG_PROPOSER);
        s.expectNoVote();
    }

    @Test
    void badVrfProof() {
        Scenario s = bystander();
        Commitment c = s.commitment(0);
        Bytes otherPi = Bytes.wrap(Scenario.crypto((c.committerIndex() + 1) % 4).vrfProve(
                SignBytes.vrfAlpha(s.config.chainId(), 1, 0, s.core.tip().blockId())));
        s.inject(Scenario.signed(new Commitment(c.chainId(), 1, 0, c.committerIndex(), otherPi, null)));
        s.expectRejected(RejectCode.BAD_VRF_PROOF);
    }

    @Test
    void wrongCommitter() {
        Scenario s = bystander();
        Commitment c = s.commitment(0);
        int other = (c.committerIndex() + 1) % 4;
        s.inject(Scenario.signed(new Commitment(c.chainId(), 1, 0, other, c.pi(), null)));
        s.expectRejected(RejectCode.WRONG_COMMITTER);
    }

    @Test
    void duplicateVote() {
        Scenario s = bystander();
        Vote v = s.prevote(s.peers(1)[0], 0, null);
        s.inject(v);
        s.inject(v);
        s.expectRejected(RejectCode.DUPLICATE_VOTE);
    }

    @Test
    void equivocationIsEvidenceAndCountsOncePerValue() {
        Scenario s = bystander();
        BlockHeader b = s.block(0);
        s.inject(s.proposal(0, b));
        s.expectPrevote(b);
        int[] peers = s.peers(2);
        s.inject(s.prevote(peers[0], 0, null));
        s.inject(s.prevote(peers[0], 0, b)); // second value: evidence, tallied for b only
        assertThat(s.lastOf(Effect.EvidenceFound.class)).hasSize(1);
        s.expectNoVote(); // b: self + peers[0] = 2 < 3
        s.inject(s.prevote(peers[0], 0, b));
        s.expectRejected(RejectCode.DUPLICATE_VOTE);
        s.inject(s.prevote(peers[0], 0, s.emptyBlock(0))); // a third, unknown value: not tallied
        s.expectRejected(RejectCode.EQUIVOCATION);
        assertThat(s.lastOf(Effect.EvidenceFound.class)).hasSize(1);
        s.inject(s.prevote(peers[1], 0, b));
        s.expectPrecommit(b); // b: self, peers[0], peers[1]
    }

    @Test
    void equivocatingProposerIsEvidenceAndEitherBlockCanBeDecided() {
        Scenario s = bystander();
        BlockHeader b = s.block(0);
        BlockHeader other = s.emptyBlock(0);
        s.inject(s.proposal(0, b));
        s.expectPrevote(b);
        s.inject(s.proposal(0, other));
        assertThat(s.lastOf(Effect.EvidenceFound.class)).hasSize(1);
        s.expectNoVote(); // prevotes only once, on the first proposal
        s.precommits(0, other, s.peers(3));
        assertThat(s.decided().block().header()).isEqualTo(other);
    }

    @Test
    void tooManyProposalsOfOneRoundAreEquivocationRejects() {
        Scenario s = bystander();
        for (int i = 0; i < Intake.MAX_PROPOSALS_PER_ROUND; i++) {
            long ts = s.nowMs + i;
            s.inject(s.proposal(0, s.block(0, h -> TendermintRulesTest.withTimestamp(h, ts))));
        }
        s.inject(s.proposal(0, s.emptyBlock(0)));
        s.expectRejected(RejectCode.EQUIVOCATION);
    }

    @Test
    void invalidBlockWithRangeNotAtTheNextOffset() {
        Scenario s = bystander();
        BlockHeader b = s.block(0, h -> withRanges(h, List.of(new PartitionRange(0, 1, 2))));
        s.inject(s.proposal(0, b));
        s.expectRejected(RejectCode.INVALID_BLOCK);
        s.expectPrevote(null);
    }

    @Test
    void invalidBlockWithTimestampNotAfterTheParent() {
        Scenario s = bystander();
        BlockHeader b = s.block(0, h -> TendermintRulesTest.withTimestamp(h, s.core.tip().header().timestampMs()));
        s.inject(s.proposal(0, b));
        s.expectRejected(RejectCode.INVALID_BLOCK);
        s.expectPrevote(null);
    }

    @Test
    void unavailableDataWaitsThenPrevotesNilAtTheProposeTimeout() {
        Scenario s = Scenario.builder().selfIsBystander().selfLacksInput().start();
        BlockHeader b = s.block(0);
        s.inject(s.proposal(0, b));
        s.expectNoVote();
        s.fire(TimeoutStep.PROPOSE, 0);
        s.expectRejected(RejectCode.UNAVAILABLE_DATA);
        s.expectPrevote(null);
    }

    @Test
    void unavailableDataIsPrevotedOnceTheInputArrives() {
        Scenario s = Scenario.builder().selfIsBystander().selfLacksInput().start();
        BlockHeader b = s.block(0);
        s.inject(s.proposal(0, b));
        s.expectNoVote();
        s.deliverInput();
        s.expectPrevote(b);
    }

    @Test
    void malformed() {
        Scenario s = bystander();
        BlockHeader b = s.block(0);
        Proposal p = s.proposal(0, b);
        s.inject(Scenario.signed(new Proposal(p.chainId(), 1, 0, 0, b, b.id(), p.commitment(), p.proposerIndex(), null)));
        s.expectRejected(RejectCode.MALFORMED); // validRound must be below the round
        s.inject(s.vote(VoteType.PREVOTE, s.peers(1)[0], 0, Bytes.wrap(new byte[5])));
        s.expectRejected(RejectCode.MALFORMED);
    }

    @Test
    void badCertificateOnASyncedBlock() {
        Scenario s = bystander();
        BlockHeader b = s.block(0);
        int[] peers = s.peers(2);
        List<CommitSignature> two = List.of(sig(s, peers[0], b), sig(s, peers[1], b));
        s.step(new Event.SyncedBlock(b, new QuorumCertificate(1, 0, b.id(), two), List.of()));
        s.expectRejected(RejectCode.BAD_CERTIFICATE);
        assertThat(s.height()).isEqualTo(1);
    }

    static CommitSignature sig(Scenario s, int v, BlockHeader b) {
        return new CommitSignature(v, s.precommit(v, 0, b).signature());
    }

    static BlockHeader withRanges(BlockHeader h, List<PartitionRange> ranges) {
        return new BlockHeader(h.chainId(), h.height(), h.round(), h.parentHash(), h.timestampMs(), h.proposerIndex(),
                h.committerIndex(), h.commitmentPi(), ranges, h.messageCount(), h.messagesRoot(), h.stateRoot(),
                h.validatorSetHash());
    }
}
