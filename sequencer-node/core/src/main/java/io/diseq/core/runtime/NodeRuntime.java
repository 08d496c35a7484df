package io.diseq.core.runtime;

import io.diseq.core.chain.ChainConfig;
import io.diseq.core.chain.ChainTip;
import io.diseq.core.chain.ConsensusCrypto;
import io.diseq.core.chain.DecidedBlock;
import io.diseq.core.chain.InputLog;
import io.diseq.core.chain.RejectCode;
import io.diseq.core.consensus.Commitment;
import io.diseq.core.consensus.ConsensusCore;
import io.diseq.core.consensus.ConsensusMessage;
import io.diseq.core.consensus.ConsensusRules;
import io.diseq.core.consensus.ConsensusStatus;
import io.diseq.core.consensus.Effect;
import io.diseq.core.consensus.Event;
import io.diseq.core.consensus.SignerState;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

/**
 * One validator's node, deterministic and single-threaded (docs/architecture.md, "Node runtime"): the
 * {@link ConsensusCore} plus everything around it that the validator and the simulator share: the timer queue,
 * relay and rebroadcast, the STATUS schedule, catch-up, pipelined block writes, the state-trie cache and the
 * order of outputs. {@link #step} takes one {@link Input} and the local time and returns the {@link Output}s
 * to perform in order. No I/O, no threads, no clock: the same inputs give the same outputs.
 *
 * <p>The persistence rule: a signer state and a decision are written synchronously before any output that
 * follows them (so before any vote they guard leaves); a decided block is written asynchronously while
 * consensus goes on with the next height, and it is announced ({@link Output.BlockDurable}) only once the
 * write completed. A crash loses at most the writes that had not completed; the decision log lets a restarted
 * node re-derive those blocks from its input log (or fetch them from peers), so it never signs anything twice.
 *
 * <p>Untrusted inputs (gossip payloads, fetched blocks) are decoded by total decoders; an unexpected exception
 * while handling one is reported as {@link Output.InputFailed} and the input is dropped. Only a
 * {@link BrokenInvariant} of the node's own state propagates, and the shell then stops the node.
 */
public final class NodeRuntime {
    private final ConsensusCore core;
    private final RuntimeRules runtimeRules;
    private final RuntimeSettings settings;
    private final TrieCache cache;
    private final TrieLoads loads;
    private final TimerQueue timers = new TimerQueue();
    private final Relay relay;
    private final CatchUp catchUp;
    private final Writes writes = new Writes();
    private final Deque<Decision> recovered;
    private final Deque<Event.SyncedBlock> fetched = new ArrayDeque<>();
    private final Deque<Input> deferred = new ArrayDeque<>();
    private final List<RuntimeStatus.Commitment> commitments = new ArrayList<>();
    /**
     * Next-height messages the core buffered without verifying them (it verifies them when it replays them on
     * reaching that height); relayed only once the replay has accepted them. Bounded by the core's buffer.
     */
    private final List<ConsensusMessage> unverified = new ArrayList<>();
    private int fetchedFrom = -1;
    private long durableHeight;
    private long nowMs;
    private long nextRebroadcastMs;
    private long nextStatusMs;
    private boolean started;
    private List<Output> out = new ArrayList<>();

    /**
     * @param signerState the last persisted signer state
     * @param tip         the last durable decided block
     * @param recovered   decisions of the consensus log above {@code tip}, in height order
     */
    public NodeRuntime(ChainConfig config, ConsensusRules rules, ConsensusCrypto crypto, int selfIndex,
                       SignerState signerState, ChainTip tip, List<Decision> recovered, InputLog inputLog,
                       RuntimeSettings settings) {
        this(config, rules, RuntimeRules.STANDARD, crypto, selfIndex, signerState, tip, recovered, inputLog, settings);
    }

    /** As above with explicit runtime rules: production passes {@link RuntimeRules#STANDARD}. */
    public NodeRuntime(ChainConfig config, ConsensusRules rules, RuntimeRules runtimeRules, ConsensusCrypto crypto,
                       int selfIndex, SignerState signerState, ChainTip tip, List<Decision> recovered,
                       InputLog inputLog, RuntimeSettings settings) {
        this.runtimeRules = runtimeRules;
        this.relay = new Relay(runtimeRules);
        this.settings = settings;
        this.cache = new TrieCache(settings.trieCacheBytes());
        this.loads = new TrieLoads(cache, settings);
        this.core = new ConsensusCore(config, rules, crypto, selfIndex, signerState, tip, inputLog, cache);
        this.catchUp = new CatchUp(config.validators().maxFaulty(), settings);
        this.recovered = new ArrayDeque<>(recovered);
        this.durableHeight = tip.height();
        relay.advanced(tip.height() + 1, null);
    }

    /** Handles one input at local time {@code nowMs}; returns the outputs to perform in order. */
    public List<Output> step(Input input, long nowMs) {
        this.nowMs = nowMs;
        out = new ArrayList<>();
        if (input instanceof Input.Start) {
            start();
        } else if (!started) {
            throw new IllegalStateException("step(Start) must come first");
        } else {
            dispatch(input);
        }
        runDue();
        return out;
    }

    private void start() {
        if (started) {
            return;
        }
        started = true;
        stepCore(new Event.Start(), null, -1);
        nextStatusMs = nowMs;
        nextRebroadcastMs = nowMs + settings.rebroadcastIntervalMs();
    }

    private void dispatch(Input input) {
        if (input instanceof Input.Gossip || input instanceof Input.InputAppended) {
            deferOr(input);
        } else if (input instanceof Input.BlocksFetched b) {
            onBlocks(b);
        } else if (input instanceof Input.FetchFailed f) {
            if (catchUp.answered(f.requestId())) {
                catchUp.penalize(f.peer(), nowMs);
            }
        } else if (input instanceof Input.TrieNodesLoaded l) {
            if (loads.loaded(l.requestId(), l.nodes())) {
                stepCore(new Event.InputAvailable(), null, -1);
            }
        } else if (input instanceof Input.TrieLoadFailed f) {
            if (loads.failed(f.requestId(), nowMs)) {
                out.add(new Output.StorageRetry("trie load", f.reason()));
            }
        } else if (input instanceof Input.BlockPersisted p) {
            onPersisted(p.height());
        } else if (input instanceof Input.PersistFailed f) {
            writes.failed(f.height(), nowMs + settings.storageRetryMs());
            out.add(new Output.StorageRetry("block " + f.height(), f.reason()));
        }
    }

    /** While the bounded number of block writes is in flight, consensus input waits (oldest dropped). */
    private void deferOr(Input input) {
        if (writes.size() < settings.maxPendingBlocks() && deferred.isEmpty()) {
            consensusInput(input);
            return;
        }
        if (deferred.size() >= settings.deferredInputs()) {
            deferred.pollFirst(); // gossip is re-sent by its relayers; an input notice is re-derived below
        }
        deferred.addLast(input);
    }

    private void consensusInput(Input input) {
        if (input instanceof Input.Gossip g) {
            onGossip(g);
        } else {
            stepCore(new Event.InputAvailable(), null, -1);
        }
    }

    private void onGossip(Input.Gossip g) {
        Payloads.Inbound in = Payloads.decode(g.type(), g.sender(), g.height(), g.round(), g.payload());
        if (in instanceof Payloads.Inbound.Malformed m) {
            out.add(new Output.Rejected(RejectCode.MALFORMED, g.type() + ": " + m.detail(), g.sender(),
                    Output.Source.GOSSIP));
        } else if (in instanceof Payloads.Inbound.Status s) {
            catchUp.claim(g.sender(), s.tipHeight());
        } else {
            ConsensusMessage m = ((Payloads.Inbound.Message) in).message();
            catchUp.claim(g.sender(), m.height() - 1);
            try {
                stepCore(new Event.MessageReceived(m), m, g.sender());
            } catch (BrokenInvariant e) {
                throw e;
            } catch (RuntimeException e) {
                out.add(new Output.InputFailed(g.sender(), g.type().name(), e));
            }
        }
    }

    private void onBlocks(Input.BlocksFetched b) {
        if (!catchUp.answered(b.requestId())) {
            return;
        }
        List<Event.SyncedBlock> blocks;
        try {
            blocks = SyncBlocks.decode(b.body());
        } catch (IllegalArgumentException e) {
            out.add(new Output.Rejected(RejectCode.MALFORMED, "blocks from peer: " + e.getMessage(), b.peer(),
                    Output.Source.SYNC));
            catchUp.penalize(b.peer(), nowMs);
            return;
        }
        if (blocks.isEmpty()) {
            catchUp.penalize(b.peer(), nowMs);
            return;
        }
        fetched.clear();
        fetched.addAll(blocks);
        fetchedFrom = b.peer();
    }

    /** Feeds fetched blocks in height order while the core can take them. */
    private void applyFetched() {
        while (!fetched.isEmpty() && !core.holdsBlock() && writes.size() < settings.maxPendingBlocks()) {
            Event.SyncedBlock b = fetched.pollFirst();
            long height = core.status().height();
            if (b.header().height() < height) {
                continue;
            }
            if (b.header().height() > height) {
                fetched.clear();
                catchUp.penalize(fetchedFrom, nowMs);
                return;
            }
            try {
                stepCore(b, null, fetchedFrom);
            } catch (BrokenInvariant e) {
                throw e;
            } catch (RuntimeException e) {
                out.add(new Output.InputFailed(fetchedFrom, "synced block", e));
            }
            if (core.status().height() > height) {
                catchUp.useful(fetchedFrom);
            } else if (!core.holdsBlock()) {
                fetched.clear(); // rejected (counted by the core's Rejected output)
                catchUp.penalize(fetchedFrom, nowMs);
            }
        }
    }

    private void onPersisted(long height) {
        DecidedBlock block = writes.persisted(height);
        if (block == null) {
            return;
        }
        cache.unpin(height);
        durableHeight = Math.max(durableHeight, height);
        if (runtimeRules.announceWhenDurable()) {
            out.add(new Output.BlockDurable(block));
        }
        while (!deferred.isEmpty() && writes.size() < settings.maxPendingBlocks()) {
            consensusInput(deferred.pollFirst());
        }
    }

    /** Steps the core and turns its effects into outputs; {@code received} is the message of the event. */
    private void stepCore(Event event, ConsensusMessage received, int sender) {
        long before = core.status().height();
        Set<ConsensusMessage> rejected = Collections.newSetFromMap(new IdentityHashMap<>());
        int firstOutput = out.size();
        for (Effect effect : core.step(event, nowMs)) {
            if (effect instanceof Effect.Rejected r && r.message() != null) {
                rejected.add(r.message());
            }
            perform(effect, event, sender);
        }
        if (!runtimeRules.persistBeforeSend()) { // a planted bug: signer states after the sends they guard
            List<Output> states = new ArrayList<>();
            out.subList(firstOutput, out.size()).removeIf(o -> o instanceof Output.PersistSignerState && states.add(o));
            out.addAll(states);
        }
        if (received != null && !rejected.contains(received)) {
            if (received.height() > before) {
                unverified.add(received); // buffered for the next height, not yet verified
            } else {
                accept(received);
            }
        }
        long after = core.status().height();
        if (after != before) {
            advanced(after);
            // the core replayed its buffer on reaching this height: what it did not reject is verified now
            for (ConsensusMessage m : unverified) {
                if (m.height() == after && !rejected.contains(m)) {
                    accept(m);
                }
            }
            unverified.clear();
        }
    }

    private void perform(Effect effect, Event event, int sender) {
        if (effect instanceof Effect.PersistSignerState p) {
            out.add(new Output.PersistSignerState(p.state()));
        } else if (effect instanceof Effect.Broadcast b) {
            accept(b.message());
            out.add(send(-1, b.message()));
        } else if (effect instanceof Effect.ScheduleTimeout t) {
            timers.schedule(t);
        } else if (effect instanceof Effect.PersistDecidedBlock d) {
            DecidedBlock block = d.block();
            out.add(new Output.PersistDecision(block.header(), block.certificate()));
            cache.pin(block.header().height(), block.stateNodes());
            if (writes.add(block)) {
                out.add(new Output.PersistBlock(block));
            }
            if (!runtimeRules.announceWhenDurable()) { // a planted bug: announced before the write completed
                out.add(new Output.BlockDurable(block));
            }
            out.add(new Output.Decided(block, event instanceof Event.SyncedBlock
                    || event instanceof Event.RecoveredDecision));
        } else if (effect instanceof Effect.Rejected r) {
            Output.Source source = event instanceof Event.MessageReceived ? Output.Source.GOSSIP
                    : event instanceof Event.SyncedBlock ? Output.Source.SYNC : Output.Source.LOCAL;
            out.add(new Output.Rejected(r.code(), r.detail(), r.message() == null ? sender : r.message().sender(),
                    source));
        } else if (effect instanceof Effect.EvidenceFound e) {
            out.add(new Output.EvidenceFound(e.evidence()));
        } else if (effect instanceof Effect.SignRefused s) {
            out.add(new Output.SignRefused(s.height(), s.round(), s.step(), s.reason()));
        } else if (effect instanceof Effect.NeedTrieNodes n) {
            loads.need(n.hashes());
        } else if (!(effect instanceof Effect.SyncNeeded)) { // hints from unverified senders; claims suffice
            throw new IllegalStateException("unknown effect " + effect);
        }
    }

    private void accept(ConsensusMessage m) {
        relay.accepted(m);
        if (m instanceof Commitment c && c.height() == core.status().height() && commitments.size() < 64) {
            commitments.add(new RuntimeStatus.Commitment(c.height(), c.round(), c.committerIndex(), c.pi()));
        }
    }

    private void advanced(long height) {
        timers.dropBelow(height);
        relay.advanced(height, core.tip().blockId());
        commitments.removeIf(c -> c.height() < height);
        nextRebroadcastMs = nowMs + settings.rebroadcastIntervalMs();
        nextStatusMs = nowMs; // tell peers at once
    }

    private static Output.Send send(int to, ConsensusMessage m) {
        return new Output.Send(to, Payloads.typeOf(m), m.height(), m.round(), Payloads.encode(m));
    }

    /** Timers, schedules, retries and follow-ups that are due at {@link #nowMs}. */
    private void runDue() {
        for (Event.TimeoutFired t : timers.takeDue(nowMs)) {
            stepCore(t, null, -1);
        }
        feedRecovered();
        applyFetched();
        for (DecidedBlock b : writes.dueRetries(nowMs)) {
            out.add(new Output.PersistBlock(b));
        }
        Output.LoadTrieNodes load = loads.next(nowMs);
        if (load != null) {
            out.add(load);
        }
        boolean mayFetch = fetched.isEmpty() && !core.holdsBlock() && writes.size() < settings.maxPendingBlocks();
        Output.FetchBlocks fetch = runtimeRules.catchesUp() ? catchUp.next(core.tip().height(), nowMs, mayFetch) : null;
        if (fetch != null) {
            out.add(fetch);
        }
        if (nowMs >= nextRebroadcastMs) {
            nextRebroadcastMs = nowMs + settings.rebroadcastIntervalMs();
            relay.due().forEach(m -> out.add(send(-1, m)));
        }
        if (nowMs >= nextStatusMs) {
            nextStatusMs = nowMs + settings.statusIntervalMs();
            ConsensusStatus s = core.status();
            ChainTip tip = core.tip();
            out.add(new Output.Send(-1, GossipType.STATUS, s.height(), Math.max(0, s.round()), Payloads.status(
                    tip.height(), tip.blockId())));
        }
    }

    /** Recovered decisions go to the core one height at a time, as the core reaches each one's height. */
    private void feedRecovered() {
        while (!recovered.isEmpty() && !core.holdsBlock()) {
            Decision d = recovered.peekFirst();
            long height = core.status().height();
            if (d.header().height() < height) {
                recovered.pollFirst();
                continue;
            }
            if (d.header().height() > height) {
                return;
            }
            recovered.pollFirst();
            stepCore(new Event.RecoveredDecision(d.header(), d.certificate()), null, -1);
        }
    }

    /** When the shell must step again ({@link Input.Tick}) even if nothing arrives. */
    public long nextWakeMs() {
        long next = Math.min(timers.nextMs(), Math.min(nextRebroadcastMs, nextStatusMs));
        next = Math.min(next, catchUp.nextWakeMs());
        next = Math.min(next, writes.nextRetryMs());
        return Math.min(next, loads.nextWakeMs());
    }

    public RuntimeStatus status() {
        ConsensusStatus s = core.status();
        ChainTip tip = core.tip();
        return new RuntimeStatus(s.height(), s.round(), s.step().name(), s.waiting(), tip.height(), tip.blockId(),
                durableHeight, catchUp.catchingUp(), catchUp.vouched(), catchUp.claims(), writes.size(), commitments);
    }

    /** The core's signer state as of the last step (for tests and the replay tool). */
    public SignerState signerState() {
        return core.signerState();
    }

    public ChainConfig config() {
        return core.config();
    }

    /**
     * The wrapped core, for read-only inspection by tests and tools (its tip, status, VRF alpha). Stepping it
     * directly would bypass the runtime's output order; nothing but this class does.
     */
    public ConsensusCore core() {
        return core;
    }

    /** Decided blocks being written, in height order, with the retry schedule of failed writes. */
    private static final class Writes {
        private final TreeMap<Long, DecidedBlock> pending = new TreeMap<>();
        private final TreeMap<Long, DecidedBlock> toRetry = new TreeMap<>();
        private long retryAtMs = Long.MAX_VALUE;

        /** Returns whether to issue the write now; after a failure, new writes wait behind the retries. */
        boolean add(DecidedBlock b) {
            pending.put(b.header().height(), b);
            if (toRetry.isEmpty()) {
                return true;
            }
            toRetry.put(b.header().height(), b);
            return false;
        }

        int size() {
            return pending.size();
        }

        DecidedBlock persisted(long height) {
            toRetry.remove(height);
            return pending.remove(height);
        }

        /** The shell dropped the write of {@code height} and every later queued write. */
        void failed(long height, long retryAt) {
            toRetry.putAll(pending.tailMap(height, true));
            retryAtMs = Math.min(retryAtMs, retryAt);
        }

        List<DecidedBlock> dueRetries(long nowMs) {
            if (nowMs < retryAtMs) {
                return List.of();
            }
            retryAtMs = Long.MAX_VALUE;
            List<DecidedBlock> due = new ArrayList<>(toRetry.values());
            toRetry.clear();
            return due;
        }

        long nextRetryMs() {
            return retryAtMs;
        }
    }
}
