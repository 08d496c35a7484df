package io.diseq.core.consensus;

import io.diseq.core.chain.ChainConfig;
import io.diseq.core.chain.ChainTip;
import io.diseq.core.chain.ConsensusCrypto;
import io.diseq.core.chain.DecidedBlockVerifier;
import io.diseq.core.chain.InputLog;
import io.diseq.core.chain.RejectCode;
import io.diseq.core.chain.SignBytes;
import io.diseq.core.chain.BlockHeader;
import io.diseq.core.chain.Verdict;
import io.diseq.core.util.Bytes;
import io.diseq.core.trie.NodeStore;
import java.util.ArrayList;
import java.util.List;

/**
 * One validator's consensus as a pure state machine (docs/protocol.md §7; how to drive it:
 * sequencer-node/core/CONSENSUS-API.md). {@link #step} takes one event and the local time and returns
 * the effects to perform in order. Not thread-safe: one driver thread owns it.
 */
public final class ConsensusCore {
    private final CoreState s;
    private final OverlayNodeStore overlay;
    private final Intake intake;
    private final Rules rules;
    private final Decider decider;
    private final Voter voter;
    private boolean started;
    /** A synced or recovered block of the current height that waits for state-trie nodes or input. */
    private Event held;

    /**
     * @param selfIndex   this node's index in the validator set, or −1 for a non-voting observer
     * @param signerState the last persisted signer state ({@link SignerState#INITIAL} on a fresh node)
     * @param tip         the last persisted decided block ({@code Genesis.tip(config)} on a fresh chain)
     */
    public ConsensusCore(ChainConfig config, ConsensusCrypto crypto, int selfIndex, SignerState signerState,
                         ChainTip tip, InputLog inputLog, NodeStore nodeStore) {
        this(config, ConsensusRules.STANDARD, crypto, selfIndex, signerState, tip, inputLog, nodeStore);
    }

    /** As above with explicit rules: production passes {@link ConsensusRules#STANDARD}. */
    public ConsensusCore(ChainConfig config, ConsensusRules rules, ConsensusCrypto crypto, int selfIndex,
                         SignerState signerState, ChainTip tip, InputLog inputLog, NodeStore nodeStore) {
        if (selfIndex >= config.validators().size() || selfIndex < -1) {
            throw new IllegalArgumentException("self index " + selfIndex + " not in the validator set");
        }
        this.overlay = new OverlayNodeStore(nodeStore);
        ConsensusCrypto ported = rules.crypto(crypto);
        this.s = new CoreState(config, rules, ported, selfIndex, inputLog, overlay,
                new Signer(ported, signerState, rules.refuseSecondSignature()));
        this.intake = new Intake(s);
        this.voter = new Voter(s);
        this.decider = new Decider(s, overlay);
        this.rules = new Rules(s, voter, new Proposer(s, voter), decider);
        decider.onNextHeight(this::enterHeight);
        s.resetForHeight(tip);
        restoreLock(signerState);
    }

    /** A lock persisted for the height being resumed is restored (Tendermint safety across restarts). */
    private void restoreLock(SignerState st) {
        if (st.height() != s.height) {
            return;
        }
        s.lockedRound = st.lockedRound();
        s.lockedBlock = st.lockedBlock();
        s.lockedId = st.lockedBlock() == null ? null : st.lockedBlock().id();
        s.validRound = st.validRound();
        s.validBlock = st.validBlock();
        s.validId = st.validBlock() == null ? null : st.validBlock().id();
        for (Vote vote : st.validPolka()) {
            VoteBook book = s.log.votes(VoteType.PREVOTE, vote.round());
            if (book.existing(vote.validatorIndex(), vote.blockId()) == null) {
                book.add(vote);
            }
        }
    }

    /** Processes one event at local time {@code nowMs}; returns the effects to perform in order. */
    public List<Effect> step(Event event, long nowMs) {
        s.nowMs = nowMs;
        s.out = new ArrayList<>();
        overlay.clearPending();
        if (event instanceof Event.Start) {
            onStart();
        } else if (!started) {
            throw new IllegalStateException("step(Start) must come first");
        } else if (event instanceof Event.MessageReceived m) {
            onMessage(m.message());
        } else if (event instanceof Event.TimeoutFired t) {
            rules.onTimeout(t);
        } else if (event instanceof Event.InputAvailable) {
            onInput();
        } else if (event instanceof Event.SyncedBlock b) {
            onSyncedBlock(b);
        } else if (event instanceof Event.RecoveredDecision d) {
            onRecoveredDecision(d);
        }
        return s.out;
    }

    private void onStart() {
        if (started) {
            return;
        }
        started = true;
        beginHeight(resumeRound(s.signer.state()));
        voter.resendOwn();
        rules.evaluate();
    }

    /**
     * After a restart inside a height the node resumes in the round it last signed in, and re-sends
     * its own persisted messages of that round ({@link Voter#resendOwn}): the round's other holders may
     * have crashed too, and the round's timeouts wait for 2f+1 of its votes.
     */
    private int resumeRound(SignerState st) {
        return st.height() == s.height ? Math.max(0, st.round()) : 0;
    }

    private void onMessage(ConsensusMessage m) {
        if (intake.admit(m) == Intake.Result.ACCEPTED) {
            if (s.waiting) {
                rules.startRound(0);
            }
            rules.evaluate();
        }
    }

    private void onInput() {
        Event retry = held;
        held = null;
        if (retry instanceof Event.SyncedBlock b) {
            onSyncedBlock(b);
        } else if (retry instanceof Event.RecoveredDecision d) {
            onRecoveredDecision(d);
        }
        if (s.waiting && inputPending()) {
            rules.startRound(0);
        }
        rules.evaluate();
    }

    private void onSyncedBlock(Event.SyncedBlock b) {
        if (b.header().height() != s.height) {
            RejectCode code = b.header().height() < s.height ? RejectCode.STALE_HEIGHT : RejectCode.FUTURE_HEIGHT;
            s.reject(code, "synced block " + b.header().height() + " while at " + s.height, null);
            return;
        }
        DecidedBlockVerifier.Result r = DecidedBlockVerifier.verify(s.config, s.crypto, s.tip, b.header(),
                b.certificate(), b.messages(), overlay);
        if (r instanceof DecidedBlockVerifier.Result.Rejected rejected) {
            s.reject(rejected.code(), rejected.detail(), null);
            return;
        }
        if (r instanceof DecidedBlockVerifier.Result.MissingNodes m) {
            held = b;
            s.emit(new Effect.NeedTrieNodes(m.hashes()));
            return;
        }
        var ok = (DecidedBlockVerifier.Result.Verified) r;
        decider.decide(b.header(), ok.blockId(), b.certificate(), ok.content());
    }

    /**
     * A decision from this node's own consensus log: its certificate is verified and its block re-derived from
     * the input log (the same judgement as a proposal's); it waits for input or trie nodes if it must.
     */
    private void onRecoveredDecision(Event.RecoveredDecision d) {
        BlockHeader h = d.header();
        if (h.height() != s.height) {
            return;
        }
        Bytes id = h.id();
        Verdict cert = d.certificate().verify(s.config.chainId(), s.validators, s.crypto, h.height(), id);
        if (cert instanceof Verdict.Reject r) {
            s.reject(r.code(), "recovered decision: " + r.detail(), null);
            return;
        }
        BlockJudge.Judgement j = s.judge.judge(s.tip, h, id);
        if (j instanceof BlockJudge.Judgement.Unavailable) {
            held = d;
        } else if (j instanceof BlockJudge.Judgement.Invalid bad) {
            s.reject(RejectCode.INVALID_BLOCK, "recovered decision: " + bad.detail(), null);
        } else {
            decider.decide(h, id, d.certificate(), ((BlockJudge.Judgement.Valid) j).content());
        }
    }

    /** Whether a synced or recovered block waits for trie nodes or input (the runtime asks before fetching more). */
    public boolean holdsBlock() {
        return held != null;
    }

    /** Called by the decider after a decision: the next height starts at round 0. */
    private void enterHeight(ChainTip tip) {
        s.resetForHeight(tip);
        held = null;
        SignerState st = s.signer.state();
        if (st.height() == s.height) { // recovered decisions brought the node back to the height it had signed in
            restoreLock(st);
            beginHeight(resumeRound(st));
            voter.resendOwn();
            rules.evaluate();
            return;
        }
        beginHeight(0);
    }

    /** Starts the current height: at once if there is work (or a resumed round), else idle (§7.13). */
    private void beginHeight(int round) {
        boolean work = round > 0 || s.lockedBlock != null || s.validBlock != null || inputPending() || emptyBlockDue();
        if (work) {
            rules.startRound(round);
        } else {
            s.waiting = true;
            s.round = 0;
            s.step = Step.PROPOSE;
            if (s.config.emptyBlockIntervalMs() > 0) {
                s.emit(new Effect.ScheduleTimeout(s.height, 0, TimeoutStep.EMPTY_BLOCK,
                        s.tip.header().timestampMs() + s.config.emptyBlockIntervalMs()));
            }
        }
        replayBuffered();
        rules.evaluate();
    }

    private void replayBuffered() {
        List<ConsensusMessage> buffered = new ArrayList<>(s.nextHeightBuffer);
        s.nextHeightBuffer.clear();
        s.bufferedBySender.clear();
        for (ConsensusMessage m : buffered) {
            if (intake.admit(m) == Intake.Result.ACCEPTED && s.waiting) {
                rules.startRound(0);
            }
        }
    }

    private boolean inputPending() {
        for (int p : s.inputLog.partitions()) {
            if (s.inputLog.readPosition(p) > s.tip.nextOffset(p)) {
                return true;
            }
        }
        return false;
    }

    private boolean emptyBlockDue() {
        long interval = s.config.emptyBlockIntervalMs();
        return interval > 0 && s.nowMs >= s.tip.header().timestampMs() + interval;
    }

    public ConsensusStatus status() {
        return new ConsensusStatus(s.height, s.round, s.step, s.waiting, s.lockedRound, s.validRound);
    }

    /** The last decided block (as of the end of the last step). */
    public ChainTip tip() {
        return s.tip;
    }

    /** The signer state as of the end of the last step (what the driver last persisted). */
    public SignerState signerState() {
        return s.signer.state();
    }

    public ChainConfig config() {
        return s.config;
    }

    /** The VRF alpha this core uses for (h, r) on top of its tip; exposed for tests and tools. */
    public byte[] vrfAlpha(int round) {
        return SignBytes.vrfAlpha(s.config.chainId(), s.height, round, s.tip.blockId());
    }
}
