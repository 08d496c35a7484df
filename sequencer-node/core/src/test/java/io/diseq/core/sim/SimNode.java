package io.diseq.core.sim;

import io.diseq.core.chain.DecidedBlock;
import io.diseq.core.chain.InputLog;
import io.diseq.core.chain.RejectCode;
import io.diseq.core.consensus.ConsensusCore;
import io.diseq.core.consensus.ConsensusMessage;
import io.diseq.core.consensus.Effect;
import io.diseq.core.consensus.Event;
import io.diseq.core.consensus.TimeoutStep;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The driver of one simulated instance (docs/simulation.md, "Architecture"): it feeds events to a real
 * {@link ConsensusCore} at the instance's skewed local time and performs the returned effects in order,
 * exactly as the service's driver thread does, with the simulator's network, timers and storage. A crash
 * drops the core and every pending timer; a restart builds a new core from {@link Durable} alone.
 */
final class SimNode {
    /** A message leaving this instance: to one instance, or to every other instance when {@code to < 0}. */
    record Outgoing(int to, ConsensusMessage message) {
    }

    /** What a byzantine wrapper does with the messages its real core emits, and which ones it lets in. */
    interface Behaviour {
        List<Outgoing> transform(SimNode self, ConsensusMessage message);

        /** Whether an incoming message reaches the wrapped core. */
        default boolean admit(ConsensusMessage message) {
            return true;
        }
    }

    final int instance;
    final int validator;
    final boolean honestKey;
    final Behaviour behaviour;
    final long skewMs;
    final Durable durable;
    final SimTopic.View view;
    private final InputLog inputLog;
    private final Simulation sim;
    /** Per height: messages this core sent or accepted (relayed by gossip), and every message it received. */
    private final Map<Long, MessageSet> accepted = new HashMap<>();
    private final Map<Long, MessageSet> delivered = new HashMap<>();
    private ConsensusCore core;
    private long generation;
    private boolean syncing;
    private long crashes;

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
        return core != null;
    }

    /** Honest code with an honest key: counted for liveness and for the double-sign invariant. */
    boolean honest() {
        return honestKey && behaviour == null;
    }

    long localNowMs() {
        return sim.scheduler.nowMs() + skewMs;
    }

    long height() {
        return durable.height();
    }

    ConsensusCore core() {
        return core;
    }

    InputLog inputLog() {
        return inputLog;
    }

    long crashes() {
        return crashes;
    }

    void start() {
        core = new ConsensusCore(sim.chain, sim.rules, sim.keys.cryptoOf(validator), validator, durable.signer,
                durable.tip, inputLog, durable.nodes);
        generation++;
        sim.network.down(instance, false);
        step(new Event.Start());
    }

    /** Loses everything not persisted: the core, its timers, the gossip memory, a sync in progress. */
    void crash() {
        if (core == null) {
            return;
        }
        core = null;
        generation++;
        crashes++;
        accepted.clear();
        delivered.clear();
        syncing = false;
        sim.network.down(instance, true);
        sim.trace.add(sim.scheduler.nowMs(), "i" + instance + " CRASH at height " + height());
    }

    void restart() {
        if (core != null) {
            return;
        }
        sim.trace.add(sim.scheduler.nowMs(), "i" + instance + " RESTART from height " + height());
        if (behaviour == null) {
            sim.monitor.restarted(instance, height()); // only instances whose decisions the monitor sees
        }
        start();
    }

    void step(Event event) {
        if (core == null) {
            return;
        }
        List<Effect> effects = core.step(event, localNowMs());
        int crashAfter = sim.faults.midStepCrash(this, effects); // teeth hook: sees the effects
        for (int i = 0; i < effects.size() && core != null; i++) {
            if (i == crashAfter) {
                crash();
                return;
            }
            perform(effects.get(i));
        }
    }

    private void perform(Effect effect) {
        if (effect instanceof Effect.Broadcast b) {
            broadcast(b.message());
        } else if (effect instanceof Effect.ScheduleTimeout t) {
            scheduleTimeout(t.height(), t.round(), t.step(), t.fireAtMs());
        } else if (effect instanceof Effect.PersistSignerState p) {
            durable.signer = p.state();
        } else if (effect instanceof Effect.PersistDecidedBlock d) {
            decided(d.block());
        } else if (effect instanceof Effect.SyncNeeded s) {
            sim.trace.add(sim.scheduler.nowMs(), "i" + instance + " sync needed to " + s.height());
            startSync();
        } else {
            if (effect instanceof Effect.Rejected r) {
                forget(r);
            }
            sim.stats.count(effect);
        }
    }

    private void broadcast(ConsensusMessage m) {
        List<Outgoing> out = behaviour == null ? List.of(new Outgoing(-1, m)) : behaviour.transform(this, m);
        for (Outgoing o : out) {
            send(o);
            remember(accepted, o.message());
            remember(delivered, o.message());
        }
    }

    private void send(Outgoing o) {
        if (sim.trace.enabled()) {
            sim.trace.add(sim.scheduler.nowMs(), "i" + instance + " -> " + (o.to() < 0 ? "all" : "i" + o.to())
                    + " " + Describe.message(o.message()));
        }
        if (honest()) {
            sim.monitor.onSigned(Describe.signed(o.message()));
        }
        SimChecks.onSent(sim, honest(), o.message()); // teeth hook: proposals and honest prevotes
        if (o.to() < 0) {
            sim.network.broadcast(instance, o.message());
        } else {
            sim.network.send(instance, o.to(), o.message());
        }
    }

    /**
     * One round of the gossip layer (docs/simulation.md, "Gossip"): sends every reachable running peer the
     * messages of the peer's current height that this instance accepted and the peer has not received yet.
     * Tendermint's liveness assumes exactly this relay property after GST (a message one correct process
     * received reaches every correct process); without it a vote lost before the heal, or forgotten in a
     * crash, could stall a height forever.
     */
    void gossip() {
        if (core == null) {
            return;
        }
        for (SimNode peer : sim.nodes) {
            if (peer == this || !peer.up() || !sim.network.connected(instance, peer.instance)) {
                continue;
            }
            MessageSet mine = accepted.get(peer.core.status().height());
            if (mine == null) {
                continue;
            }
            for (ConsensusMessage m : mine.inOrder()) {
                if (!peer.received(m)) {
                    sim.network.send(instance, peer.instance, m);
                }
            }
        }
    }

    /** A message arriving from the network: remembered (for relay) unless the core rejects it as bad. */
    void receive(ConsensusMessage m) {
        if (core == null) {
            return;
        }
        remember(delivered, m);
        if (behaviour != null && !behaviour.admit(m)) {
            return;
        }
        remember(accepted, m);
        step(new Event.MessageReceived(m));
    }

    private boolean received(ConsensusMessage m) {
        MessageSet set = delivered.get(m.height());
        return set != null && set.contains(m);
    }

    private void remember(Map<Long, MessageSet> sets, ConsensusMessage m) {
        long current = core.status().height();
        if (m.height() >= current) {
            sets.computeIfAbsent(m.height(), h -> new MessageSet()).add(m);
        }
        if (sets.size() > 1) {
            sets.keySet().removeIf(h -> h < current);
        }
    }

    /** A message the core refused for a reason other than having it already is not relayed. */
    private void forget(Effect.Rejected r) {
        if (r.message() == null || r.code() == RejectCode.DUPLICATE_VOTE) {
            return;
        }
        MessageSet set = accepted.get(r.message().height());
        if (set != null) {
            set.remove(r.message());
        }
    }

    private void scheduleTimeout(long height, int round, TimeoutStep step, long fireAtLocalMs) {
        long gen = generation;
        sim.scheduler.at(fireAtLocalMs - skewMs, "timeout", () -> {
            if (gen == generation) {
                sim.trace.add(sim.scheduler.nowMs(), "i" + instance + " timeout " + step + " h=" + height + " r=" + round);
                step(new Event.TimeoutFired(height, round, step));
            }
        });
    }

    private void decided(DecidedBlock block) {
        durable.persist(block);
        sim.trace.add(sim.scheduler.nowMs(), "i" + instance + " DECIDE h=" + block.height() + " r="
                + block.header().round() + " id=" + Describe.shortId(block.blockId()) + " msgs="
                + block.messages().size() + " ranges=" + block.header().ranges());
        if (behaviour == null) {
            sim.monitor.onDecision(Describe.decision(instance, block));
        }
        sim.faults.decided(this, block.height());
    }

    /** The catch-up loop of the driver: fetch the next decided block from a reachable peer until level. */
    void startSync() {
        if (!syncing && core != null && sim.mix.catchUp()) { // teeth hook: catch-up may be off
            syncing = true;
            long gen = generation;
            sim.scheduler.after(sim.network.policy().minDelayMs() * 2, "sync", () -> syncOnce(gen));
        }
    }

    private void syncOnce(long gen) {
        if (gen != generation) {
            return;
        }
        SimNode peer = sim.syncPeer(this);
        if (peer == null) {
            syncing = false;
            return;
        }
        long before = height();
        DecidedBlock b = peer.durable.block(before + 1);
        sim.trace.add(sim.scheduler.nowMs(), "i" + instance + " synced h=" + b.height() + " from i" + peer.instance);
        step(new Event.SyncedBlock(b.header(), b.certificate(), b.messages()));
        if (gen != generation || height() == before) {
            syncing = false; // crashed meanwhile, or the block was refused: the status poll retries later
        } else {
            sim.scheduler.after(1 + sim.network.policy().minDelayMs() * 2, "sync", () -> syncOnce(gen));
        }
    }
}
