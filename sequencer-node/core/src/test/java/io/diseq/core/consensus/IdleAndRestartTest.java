package io.diseq.core.consensus;

import static org.assertj.core.api.Assertions.assertThat;

import io.diseq.core.chain.BlockHeader;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The idle height (docs/protocol.md §7.13) and restart from persisted signer state (§7.14). */
@Tag("scenario")
class IdleAndRestartTest {

    @Test
    void idleHeightWaitsWithoutTimeoutsOrMessages() {
        Scenario s = Scenario.builder().self(0).inputRecords(0).start();
        assertThat(s.core.status().waiting()).isTrue();
        assertThat(s.all).isEmpty();
        assertThat(s.deliverInput()).isEmpty();
        assertThat(s.core.status().waiting()).isTrue();
    }

    @Test
    void newInputStartsTheHeight() {
        Scenario s = Scenario.builder().self(0).inputRecords(0).start();
        s.peerLog.append(0, "late".getBytes(StandardCharsets.UTF_8));
        s.deliverInput();
        assertThat(s.core.status().waiting()).isFalse();
        s.expectTimeout(TimeoutStep.PROPOSE, 0);
    }

    @Test
    void aPeerMessageOfTheHeightStartsIt() {
        Scenario s = Scenario.builder().selfIsBystander().inputRecords(0).start();
        s.inject(s.commitment(0));
        assertThat(s.core.status().waiting()).isFalse();
        s.expectTimeout(TimeoutStep.PROPOSE, 0);
    }

    @Test
    void emptyBlockIntervalStartsAnIdleHeight() {
        Scenario s = Scenario.builder().self(0).inputRecords(0).emptyBlockIntervalMs(30_000).start();
        assertThat(s.core.status().waiting()).isTrue();
        var t = s.lastOf(Effect.ScheduleTimeout.class);
        assertThat(t).singleElement().satisfies(x -> {
            assertThat(x.step()).isEqualTo(TimeoutStep.EMPTY_BLOCK);
            assertThat(x.fireAtMs()).isEqualTo(TestChains.GENESIS_TIME_MS + 30_000);
        });
        s.advanceMs(20_000).fire(TimeoutStep.EMPTY_BLOCK, 0);
        assertThat(s.core.status().waiting()).isFalse();
    }

    @Test
    void restartedValidatorResendsItsVoteAndResumesItsRound() {
        Scenario s = Scenario.builder().selfIsBystander().start();
        BlockHeader b = s.block(0);
        s.inject(s.proposal(0, b));
        Vote before = s.sentVote(VoteType.PREVOTE);
        s.restart();
        assertThat(s.sentVote(VoteType.PREVOTE)).isEqualTo(before); // re-sent from the persisted state
        assertThat(s.core.status().round()).isZero();
        s.fire(TimeoutStep.PROPOSE, 0); // would prevote nil: refused, the signed prevote is sent again
        assertThat(s.lastOf(Effect.SignRefused.class)).hasSize(1);
        assertThat(s.sentVote(VoteType.PREVOTE)).isEqualTo(before);
        assertThat(before.blockId()).isEqualTo(b.id());
    }

    @Test
    void theGuardRefusesADifferentValueAtASignedSlotAndResendsTheSignedOne() {
        Scenario s = Scenario.builder().selfIsBystander().start();
        BlockHeader b = s.block(0);
        s.inject(s.proposal(0, b));
        Vote before = s.sentVote(VoteType.PREVOTE);
        Signer signer = new Signer(Scenario.crypto(s.self), s.core.signerState());
        var refused = signer.sign(1, 0, SignStep.PREVOTE,
                io.diseq.core.chain.SignBytes.prevote(s.config.chainId(), 1, 0, null), io.diseq.core.util.Bytes.EMPTY);
        assertThat(refused).isInstanceOf(Signer.Outcome.Refused.class);
        assertThat(s.core.signerState().signedValue()).isEqualTo(before.blockId());
        assertThat(s.core.signerState().signature()).isEqualTo(before.signature());
    }

    @Test
    void restartedValidatorKeepsItsLock() {
        Scenario s = Scenario.builder().selfIsBystander().start();
        BlockHeader b = s.block(0);
        s.inject(s.proposal(0, b));
        s.prevotes(0, b, s.peers(2));
        s.expectPrecommit(b);
        s.restart();
        s.expectPrevote(b); // both own votes of the round re-sent
        s.expectPrecommit(b);
        assertThat(s.core.status().lockedRound()).isZero();
        s.prevotes(1, null, s.peers(2));
        assertThat(s.core.status().round()).isEqualTo(1);
        s.inject(s.proposal(1, s.emptyBlock(1)));
        s.expectPrevote(null);
    }
}
