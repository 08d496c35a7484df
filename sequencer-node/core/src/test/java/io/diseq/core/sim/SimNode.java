package io.diseq.core.sim;

import io.diseq.core.chain.DecidedBlock;
import io.diseq.core.chain.InputLog;
import io.diseq.core.consensus.Commitment;
import io.diseq.core.consensus.ConsensusCore;
import io.diseq.core.consensus.ConsensusMessage;
import io.diseq.core.consensus.Proposal;
import io.diseq.core.consensus.SignStep;
import io.diseq.core.consensus.SignerState;
import io.diseq.core.consensus.Vote;
import io.diseq.core.consensus.VoteType;
import io.diseq.core.runtime.Decision;
import io.diseq.core.runtime.GossipType;
import io.diseq.core.runtime.Input;
import io.diseq.core.runtime.NodeRuntime;
import io.diseq.core.runtime.Output;
import io.diseq.core.runtime.Payloads;
import io.diseq.core.runtime.RuntimeRules;
import io.diseq.core.runtime.RuntimeSettings;
import io.diseq.core.runtime.SyncBlocks;
import io.diseq.core.sim.InvariantViolation.Kind;
import io.diseq.core.trie.NodeStore;
import io.diseq.core.util.Bytes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The shell of one simulated instance (docs/simulation.md, "Architecture"): it runs the PRODUCTION
 * {@link NodeRuntime} (relay, timers, catch-up, pipelined writes, trie loads: the validator's own code) at the
 * instance's skewed local time, and performs its outputs with simulated devices, exactly as the service's
 * driver does with real ones: gossip as bytes over the faulty network, a block store whose writes take time
 * and complete in order, a trie-node store with latency, and block fetches as request and response. A crash
 * drops the runtime and every device operation in flight; a write in progress lands or not by a coin flip;
 * a restart builds a new runtime from {@link Durable} alone. After every output the shell checks the
 * runtime's invariants: no own message leaves before its signer state is durable, no block is announced
 * before it is durable, no untrusted input makes an honest runtime throw.
 */
final class SimNode {
    /** A message leaving this instance: to one instance, or to every other instance when {@code to < 0}. */
    record Outgoing(int to, ConsensusMessage message) {
    }

    /** What a byzantine wrapper does with the messages its real runtime signs, and which ones it lets in. */
    interface Behaviour {
        List<Outgoing> transform(SimNode self, ConsensusMessage message);

        /** Whether an incoming message reaches the wrapped runtime. */
        default boolean admit(ConsensusMessage message) {
            return true;
        }
    }

    static final RuntimeSettings SETTINGS = new RuntimeSettings(Simulation.GOSSIP_MS, Simulation.STATUS_POLL_MS, 8,
            1_000, 100, 2_000, 2, 500, 3, 100, 256L << 10, 64, 1_024);
    private static final long WRITE_MIN_MS = 2;
    private static final long WRITE_MAX_MS = 60;
    private static final long LOAD_MAX_MS = 8;

    final int instance;
    final int validator;
    final boolean honestKey;
    final Behaviour behaviour;
    final long skewMs;
    final Durable durable;
    final SimTopic.View view;
    private final InputLog inputLog;
    private final Simulation sim;
    private final Deque<DecidedBlock> writeQueue = new ArrayDeque<>();
    private final Map<Long, DecidedBlock> unwritten = new HashMap<>();
    private DecidedBlock writing;
    private NodeRuntime runtime;
    private long generation;
    private long crashes;
    private long wakeAtMs = Long.MAX_VALUE;

    SimNode(Simulation sim, int instance, int validator, boolean honestKey, Behaviour behaviour, long skewMs) {
        this.sim = sim;
        this.instance = instance;
        this.validator = validator;
        this.honestKey = honestKey;
        this.behaviour = behaviour;
        this.skewMs = skewMs;
        this.durable = new Durable(sim.genesis);
        this.view = sim.topic.view(sim.scheduler);
        this.inputLog = new SimInputLog(view);
    }

    boolean up() {
        return runtime != null;
    }

    /** Honest code with an honest key: counted for liveness and for the double-sign invariant. */
    boolean honest() {
        return honestKey && behaviour == null;
    }

    long localNowMs() {
        return sim.scheduler.nowMs() + skewMs;
    }

    /** The durable height: what survives a crash, and what liveness is measured on. */
    long height() {
        return durable.height();
    }

    /** The runtime's core, for read-only inspection (byzantine behaviours, the split-lock plan); null when down. */
    ConsensusCore core() {
        return runtime == null ? null : runtime.core();
    }

    NodeRuntime runtime() {
        return runtime;
    }

    InputLog inputLog() {
        return inputLog;
    }

    /** Every state-trie node this instance holds: durable ones and those of blocks still being written. */
    NodeStore nodes() {
        return hash -> {
            byte[] node = durable.nodes.get(hash);
            if (node != null) {
                return node;
            }
            for (DecidedBlock b : unwritten.values()) {
                node = b.stateNodes().get(hash);
                if (node != null) {
                    return node;
                }
            }
            return null;
        };
    }

    long crashes() {
        return crashes;
    }

    void start() {
        List<Decision> recovered = durable.decisionsAbove();
        RuntimeRules rules = sim.mix.catchUp() ? sim.config.runtimeRules()
                : new RuntimeRules.WithoutCatchUp(sim.config.runtimeRules()); // teeth: catch-up off
        runtime = new NodeRuntime(sim.chain, sim.rules, rules, sim.keys.cryptoOf(validator),
                validator, durable.signer, durable.tip, recovered, inputLog, SETTINGS);
        generation++;
        wakeAtMs = Long.MAX_VALUE;
        sim.network.down(instance, false);
        step(new Input.Start());
    }

    /**
     * Loses everything not durable: the runtime (timers, relay memory, catch-up, trie cache), queued block
     * writes and device operations in flight. The write in progress completed or not: a coin decides.
     */
    void crash() {
        if (runtime == null) {
            return;
        }
        if (writing != null && sim.random.nextBoolean()) {
            durable.persist(writing);
        }
        runtime = null;
        writing = null;
        writeQueue.clear();
        unwritten.clear();
        generation++;
        crashes++;
        sim.network.down(instance, true);
        sim.trace.add(sim.scheduler.nowMs(), "i" + instance + " CRASH at height " + height());
    }

    void restart() {
        if (runtime != null) {
            return;
        }
        sim.trace.add(sim.scheduler.nowMs(), "i" + instance + " RESTART from height " + height());
        if (behaviour == null) { // only instances whose decisions the monitor sees
            // A crash inside the step that decided a height can cut its Decided output after the block became
            // durable: the monitor checks such a block now, as the decision it is, before the restart.
            for (long h = sim.monitor.lastHeightOf(instance) + 1; h <= height(); h++) {
                sim.trace.add(sim.scheduler.nowMs(), "i" + instance + " DURABLE UNREPORTED h=" + h);
                sim.monitor.onDecision(Describe.decision(instance, durable.block(h)));
            }
            sim.monitor.restarted(instance, height());
        }
        start();
    }

    /** Steps the runtime and performs its outputs in order (a mid-step crash may cut the list). */
    void step(Input input) {
        if (runtime == null) {
            return;
        }
        List<Output> outputs = runtime.step(input, localNowMs());
        int crashAfter = sim.faults.midStepCrash(this, outputs); // teeth hook: sees the outputs
        for (int i = 0; i < outputs.size() && runtime != null; i++) {
            if (i == crashAfter) {
                crash();
                return;
            }
            perform(outputs.get(i));
        }
        scheduleWake();
    }

    private void scheduleWake() {
        if (runtime == null) {
            return;
        }
        long at = runtime.nextWakeMs() - skewMs;
        if (at == Long.MAX_VALUE - skewMs || at >= wakeAtMs) {
            return;
        }
        wakeAtMs = Math.max(at, sim.scheduler.nowMs() + 1);
        long gen = generation;
        sim.scheduler.at(wakeAtMs, "wake", () -> {
            if (gen == generation) {
                wakeAtMs = Long.MAX_VALUE;
                step(new Input.Tick());
            }
        });
    }

    private void perform(Output o) {
        if (o instanceof Output.PersistSignerState p) {
            durable.signer = p.state();
        } else if (o instanceof Output.PersistDecision d) {
            durable.decision(new Decision(d.header(), d.certificate()));
        } else if (o instanceof Output.Send s) {
            send(s);
        } else if (o instanceof Output.PersistBlock p) {
            write(p.block());
        } else if (o instanceof Output.BlockDurable b) {
            if (honest() && durable.height() < b.block().height()) {
                throw new InvariantViolation(Kind.PUBLISHED_BEFORE_DURABLE, "i" + instance + " announced block "
                        + b.block().height() + " with durable height " + durable.height());
            }
        } else if (o instanceof Output.FetchBlocks f) {
            fetch(f);
        } else if (o instanceof Output.LoadTrieNodes l) {
            load(l);
        } else if (o instanceof Output.Decided d) {
            decided(d.block(), d.fromSync());
        } else if (o instanceof Output.InputFailed f) {
            if (honest()) {
                throw new InvariantViolation(Kind.UNTRUSTED_INPUT_THREW, "i" + instance + " input from " + f.sender()
                        + " (" + f.what() + ") threw " + f.error());
            }
        } else {
            sim.stats.count(o);
        }
    }

    // ---- gossip ----

    private void send(Output.Send s) {
        ConsensusMessage m = s.type() == GossipType.STATUS ? null : decode(s);
        if (m != null && m.sender() == validator) {
            checkDurable(m);
            if (behaviour == null) {
                SimChecks.onSent(sim, honest(), m); // teeth hook: proposals and honest prevotes
            } else {
                for (Outgoing o : behaviour.transform(this, m)) {
                    sendMessage(o.to(), o.message());
                }
                return;
            }
            if (honest()) {
                sim.monitor.onSigned(Describe.signed(m));
            }
        }
        if (sim.trace.enabled() && m != null) {
            sim.trace.add(sim.scheduler.nowMs(), "i" + instance + " -> all " + Describe.message(m));
        }
        transmit(s.to(), new Packet.Envelope(validator, s.type(), s.height(), s.round(), s.payload()));
    }

    private void sendMessage(int to, ConsensusMessage m) {
        SimChecks.onSent(sim, false, m); // what a byzantine wrapper really sends
        if (sim.trace.enabled()) {
            sim.trace.add(sim.scheduler.nowMs(), "i" + instance + " -> " + (to < 0 ? "all" : "i" + to) + " "
                    + Describe.message(m));
        }
        transmit(to, new Packet.Envelope(validator, Payloads.typeOf(m), m.height(), m.round(), Payloads.encode(m)));
    }

    /** Sends raw envelope bytes (byzantine garbage included). */
    void transmit(int to, Packet packet) {
        if (to < 0) {
            sim.network.broadcast(instance, packet);
        } else {
            sim.network.send(instance, to, packet);
        }
    }

    private static ConsensusMessage decode(Output.Send s) {
        Payloads.Inbound in = Payloads.decode(s.type(), -1, s.height(), s.round(), s.payload().unsafeArray());
        return in instanceof Payloads.Inbound.Message m ? m.message() : null;
    }

    /** Persist before you speak: the durable signer state must already cover this node's own message. */
    private void checkDurable(ConsensusMessage m) {
        if (!honest()) {
            return;
        }
        SignerState st = durable.signer;
        SignStep step = stepOf(m);
        int c = Long.compare(st.height(), m.height());
        if (c == 0) {
            c = Integer.compare(st.round(), m.round());
        }
        if (c == 0 && st.step() != null) {
            c = st.step().compareTo(step);
        }
        if (c < 0) {
            throw new InvariantViolation(Kind.SENT_BEFORE_DURABLE, "i" + instance + " sent " + Describe.message(m)
                    + " with durable signer state at h=" + st.height() + " r=" + st.round() + " " + st.step());
        }
    }

    private static SignStep stepOf(ConsensusMessage m) {
        if (m instanceof Commitment) {
            return SignStep.COMMITMENT;
        }
        if (m instanceof Proposal) {
            return SignStep.PROPOSAL;
        }
        return ((Vote) m).type() == VoteType.PREVOTE ? SignStep.PREVOTE : SignStep.PRECOMMIT;
    }

    /** A packet arriving from the network. */
    void receive(Packet packet) {
        if (runtime == null) {
            return;
        }
        if (packet instanceof Packet.Envelope e) {
            if (behaviour != null) {
                ConsensusMessage m = e.message();
                if (m != null && !behaviour.admit(m)) {
                    return;
                }
            }
            if (sim.trace.enabled()) {
                ConsensusMessage m = e.message();
                sim.trace.add(sim.scheduler.nowMs(), "i" + instance + " <- v" + e.sender() + " "
                        + (m == null ? e.type() : Describe.message(m)));
            }
            step(new Input.Gossip(e.sender(), e.type(), e.height(), e.round(), e.payload().unsafeArray()));
        } else if (packet instanceof Packet.FetchRequest r) {
            serve(r);
        } else if (packet instanceof Packet.FetchResponse r) {
            step(new Input.BlocksFetched(r.requestId(), r.server(), r.body()));
        }
    }

    // ---- catch-up: a request and a response over the network ----

    private void fetch(Output.FetchBlocks f) {
        int to = sim.instanceOf(f.peer(), instance);
        if (to < 0) {
            step(new Input.FetchFailed(f.requestId(), f.peer(), "no such peer"));
            return;
        }
        sim.network.send(instance, to, new Packet.FetchRequest(f.requestId(), instance, f.from(), f.count()));
    }

    /** Serves durable blocks only, as BlocksResource does. */
    private void serve(Packet.FetchRequest r) {
        List<byte[]> blocks = new ArrayList<>();
        for (long h = r.from(); h < r.from() + r.count(); h++) {
            DecidedBlock b = durable.block(h);
            if (b == null) {
                break;
            }
            blocks.add(SyncBlocks.encodeBlock(b.header().encode(), b.certificate().encode(), b.messages()));
        }
        sim.network.send(instance, r.fromInstance(), new Packet.FetchResponse(r.requestId(), validator,
                SyncBlocks.encodeResponse(blocks)));
    }

    // ---- storage devices ----

    private void write(DecidedBlock block) {
        unwritten.put(block.height(), block);
        writeQueue.addLast(block);
        if (writing == null) {
            nextWrite();
        }
    }

    private void nextWrite() {
        writing = writeQueue.pollFirst();
        if (writing == null) {
            return;
        }
        long gen = generation;
        DecidedBlock block = writing;
        long latency = WRITE_MIN_MS + sim.random.nextLong(WRITE_MAX_MS - WRITE_MIN_MS + 1);
        sim.scheduler.after(latency, "write", () -> {
            if (gen != generation) {
                return;
            }
            writing = null;
            if (sim.faults.storageFails()) {
                long h = block.height();
                writeQueue.clear();
                step(new Input.PersistFailed(h, "simulated storage fault"));
                return;
            }
            durable.persist(block);
            unwritten.remove(block.height());
            step(new Input.BlockPersisted(block.height()));
            if (runtime != null && writing == null) {
                nextWrite();
            }
        });
    }

    private void load(Output.LoadTrieNodes l) {
        long gen = generation;
        sim.scheduler.after(1 + sim.random.nextLong(LOAD_MAX_MS), "load", () -> {
            if (gen != generation) {
                return;
            }
            if (sim.faults.storageFails()) {
                step(new Input.TrieLoadFailed(l.requestId(), "simulated storage fault"));
                return;
            }
            Map<Bytes, byte[]> found = new HashMap<>();
            for (Bytes h : l.hashes()) {
                byte[] node = durable.nodes.get(h);
                if (node != null) {
                    found.put(h, node);
                }
            }
            step(new Input.TrieNodesLoaded(l.requestId(), found));
        });
    }

    private void decided(DecidedBlock block, boolean fromSync) {
        sim.trace.add(sim.scheduler.nowMs(), "i" + instance + (fromSync ? " SYNCED" : " DECIDE") + " h="
                + block.height() + " r=" + block.header().round() + " id=" + Describe.shortId(block.blockId())
                + " msgs=" + block.messages().size() + " ranges=" + block.header().ranges());
        if (behaviour == null) {
            sim.monitor.onDecision(Describe.decision(instance, block));
        }
        sim.faults.decided(this, block.height());
    }
}
