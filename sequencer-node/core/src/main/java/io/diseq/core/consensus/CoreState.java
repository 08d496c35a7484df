package io.diseq.core.consensus;

import io.diseq.core.chain.BlockHeader;
import io.diseq.core.chain.ChainConfig;
import io.diseq.core.chain.ChainTip;
import io.diseq.core.chain.ConsensusCrypto;
import io.diseq.core.chain.InputLog;
import io.diseq.core.chain.RejectCode;
import io.diseq.core.chain.ValidatorSet;
import io.diseq.core.trie.MerklePatriciaTrie;
import io.diseq.core.trie.NodeStore;
import io.diseq.core.util.Bytes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The mutable state of one validator's consensus (docs/protocol.md §7.12: Algorithm 1's variables plus the message log of the
 * current height), shared by the handlers of this package, and the effects of the step in progress.
 * Only the core's single driver thread touches it.
 */
final class CoreState {
    final ChainConfig config;
    final ValidatorSet validators;
    final ConsensusRules rules;
    final ConsensusCrypto crypto;
    final int self;
    final InputLog inputLog;
    final NodeStore nodeStore;
    /**
     * The tip's state trie, kept open for the height's content walks (proposer and judge), so that a walk
     * repeated after missing nodes were loaded, or a second proposal of the height, finds the nodes the
     * earlier walks loaded; null until first used and again at each new height. Dropped once it holds more
     * than {@link #stateViewMaxNodes()} loaded nodes. Performance only: every walk's result is the same
     * with a freshly opened trie.
     */
    private MerklePatriciaTrie stateView;
    final Signer signer;
    final BlockJudge judge;

    ChainTip tip;
    long height;
    int round;
    Step step = Step.PROPOSE;
    /** Round 0 of an idle height before any input, peer message or empty-block timeout (§7.13). */
    boolean waiting;

    int lockedRound = -1;
    BlockHeader lockedBlock;
    Bytes lockedId;
    int validRound = -1;
    BlockHeader validBlock;
    Bytes validId;

    HeightLog log = new HeightLog();
    /** Rounds for which a rule "for the first time" already fired (lines 34, 36, 47). */
    final Set<Integer> prevoteTimeoutRounds = new HashSet<>();
    final Set<Integer> polkaRounds = new HashSet<>();
    final Set<Integer> precommitTimeoutRounds = new HashSet<>();
    final Set<Integer> proposedRounds = new HashSet<>();
    final Set<Bytes> reportedInvalid = new HashSet<>();

    final List<ConsensusMessage> nextHeightBuffer = new ArrayList<>();
    /** Buffered next-height messages per claimed sender: one validator cannot crowd out the others. */
    final java.util.Map<Integer, Integer> bufferedBySender = new java.util.HashMap<>();
    final Set<Integer> aheadSenders = new HashSet<>();
    long syncHintedHeight;
    long syncHintedAtMs;

    long nowMs;
    List<Effect> out = new ArrayList<>();

    CoreState(ChainConfig config, ConsensusRules rules, ConsensusCrypto crypto, int self, InputLog inputLog,
              NodeStore nodeStore, Signer signer) {
        this.config = config;
        this.validators = config.validators();
        this.rules = rules;
        this.crypto = crypto;
        this.self = self;
        this.inputLog = inputLog;
        this.nodeStore = nodeStore;
        this.signer = signer;
        this.judge = new BlockJudge(config, rules, crypto, inputLog, this::stateView, this::knownProposer,
                nodes -> emit(new Effect.NeedTrieNodes(nodes)));
    }

    /** The proposer a verified commitment of this height selects, if (round, pi) is that commitment. */
    private int knownProposer(int r, Bytes pi) {
        Commitment c = log.commitment(r);
        return c != null && c.pi().equals(pi) ? log.proposer(r) : -1;
    }

    /** The tip's state trie for a content walk (see {@link #stateView}). */
    MerklePatriciaTrie stateView() {
        if (stateView == null || stateView.loadedNodes() > stateViewMaxNodes()) {
            stateView = MerklePatriciaTrie.open(nodeStore, tip.header().stateRoot());
        }
        return stateView;
    }

    /** About eight loaded nodes per message of a full block: a walk of one block needs three to five. */
    private long stateViewMaxNodes() {
        return Math.max(65_536L, 8L * config.blockMessagesMax());
    }

    int quorum() {
        return rules.quorum(validators);
    }

    boolean isValidator() {
        return self >= 0;
    }

    void emit(Effect effect) {
        out.add(effect);
    }

    void reject(RejectCode code, String detail, ConsensusMessage message) {
        out.add(new Effect.Rejected(code, detail, message));
    }

    /** The prevotes of validRound for the valid block, as held now (the polka that made it valid). */
    List<Vote> validPolka() {
        if (validBlock == null) {
            return List.of();
        }
        return List.copyOf(log.votes(VoteType.PREVOTE, validRound).votesFor(validId).values());
    }

    void persistSigner() {
        signer.recordLock(height, lockedRound, lockedBlock, validRound, validBlock, validPolka());
        out.add(new Effect.PersistSignerState(signer.state()));
    }

    /** Clears every per-height variable for a new height at round 0. */
    void resetForHeight(ChainTip newTip) {
        tip = newTip;
        stateView = null;
        height = newTip.height() + 1;
        round = 0;
        step = Step.PROPOSE;
        if (rules.resetLockAtNewHeight()) {
            lockedRound = -1;
            lockedBlock = null;
            lockedId = null;
        }
        validRound = -1;
        validBlock = null;
        validId = null;
        log = new HeightLog();
        prevoteTimeoutRounds.clear();
        polkaRounds.clear();
        precommitTimeoutRounds.clear();
        proposedRounds.clear();
        reportedInvalid.clear();
        aheadSenders.clear();
        judge.reset();
    }
}
