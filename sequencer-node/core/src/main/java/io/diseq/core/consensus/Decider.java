package io.diseq.core.consensus;

import io.diseq.core.chain.BlockContent;
import io.diseq.core.chain.BlockHeader;
import io.diseq.core.chain.ChainTip;
import io.diseq.core.chain.CommitSignature;
import io.diseq.core.chain.DecidedBlock;
import io.diseq.core.chain.QuorumCertificate;
import io.diseq.core.util.Bytes;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Lines 49–54 of Algorithm 1 (docs/protocol.md §7.10, §7.12): a block with 2f+1 precommits in any round
 * of the height, whose header this node knows and judges valid, is decided. The decision is emitted as
 * {@link Effect.PersistDecidedBlock} with its certificate, and the next height starts.
 */
final class Decider {
    private final CoreState s;
    private final OverlayNodeStore overlay;
    private Consumer<ChainTip> nextHeight = tip -> { };

    Decider(CoreState s, OverlayNodeStore overlay) {
        this.s = s;
        this.overlay = overlay;
    }

    void onNextHeight(Consumer<ChainTip> callback) {
        this.nextHeight = callback;
    }

    /** Decides if some round holds a decidable quorum; true iff the height changed. */
    boolean tryDecide() {
        for (int r : s.log.decisionCandidates()) {
            if (!s.rules.decideInAnyRound() && r != s.round) {
                continue;
            }
            Bytes id = s.log.votes(VoteType.PRECOMMIT, r).blockWithQuorum(s.quorum());
            BlockHeader header = id == null ? null : s.log.header(id);
            if (header == null) {
                continue;
            }
            if (s.judge.judge(s.tip, header, id) instanceof BlockJudge.Judgement.Valid valid) {
                decide(header, id, certificate(r, id), valid.content());
                return true;
            }
        }
        return false;
    }

    private QuorumCertificate certificate(int round, Bytes blockId) {
        List<CommitSignature> signatures = new ArrayList<>();
        s.log.votes(VoteType.PRECOMMIT, round).votesFor(blockId)
                .forEach((index, vote) -> signatures.add(new CommitSignature(index, vote.signature())));
        return new QuorumCertificate(s.height, round, blockId, signatures);
    }

    /** Emits the decided block and moves to the next height. */
    void decide(BlockHeader header, Bytes blockId, QuorumCertificate certificate, BlockContent content) {
        ChainTip next = s.tip.advance(header, blockId);
        DecidedBlock block = new DecidedBlock(header, blockId, certificate, content.messages(),
                content.stateCommit().newNodes(), next);
        overlay.addPending(block.stateNodes());
        s.emit(new Effect.PersistDecidedBlock(block));
        nextHeight.accept(next);
    }
}
