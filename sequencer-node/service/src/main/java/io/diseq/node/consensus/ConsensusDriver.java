package io.diseq.node.consensus;

import io.diseq.core.chain.ChainTip;
import io.diseq.core.consensus.Commitment;
import io.diseq.core.consensus.ConsensusCore;
import io.diseq.core.consensus.ConsensusMessage;
import io.diseq.core.consensus.ConsensusStatus;
import io.diseq.core.consensus.Effect;
import io.diseq.core.consensus.Event;
import io.diseq.core.util.Bytes;
import io.diseq.node.gossip.GossipEnvelope;
import io.diseq.node.gossip.GossipInbox;
import io.diseq.node.gossip.PeerStatus;
import io.diseq.node.sync.BlockSyncer;
import io.diseq.node.sync.SyncTarget;
import io.dropwizard.lifecycle.Managed;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consensus driver (docs/architecture.md §Consensus driver; CONSENSUS-API.md): ONE thread
 * owns the {@link ConsensusCore}. Other threads only enqueue: HTTP request threads into the
 * {@link GossipInbox}, the Kafka poll thread sets an input-available flag, the syncer queues fetched
 * blocks. The loop takes due timeouts (on the injected clock), synced blocks, input notifications and
 * gossip, steps the core and performs its effects in list order, each completed before the next
 * ({@link EffectRunner}: signer state committed before any later send). Periodically it re-sends the
 * latest accepted messages of the current height, its own and relayed ones ({@link OwnMessages}), and
 * announces its decided height (STATUS).
 *
 * <p>Any unexpected exception on the driver thread stops the driver for good: {@link #failure()} is
 * set (health check red) and the core is never stepped again, so nothing more is signed.
 */
public final class ConsensusDriver implements Managed, NodeStatusView, SyncTarget {
    private static final Logger LOG = LoggerFactory.getLogger(ConsensusDriver.class);
    private static final int MAX_TIMERS = 4096;
    private static final int MAX_COMMITMENTS = 64;

    private final ConsensusCore core;
    private final String chainId;
    private final GossipInbox inbox;
    private final Outbound outbound;
    private final BlockSyncer syncer;
    private final DriverSettings settings;
    private final LongSupplier clock;
    private final DriverMetrics metrics;
    private final Supplier<List<PeerStatus>> peerStatus;
    private final EffectRunner effects;
    private final TimerQueue timers = new TimerQueue(MAX_TIMERS);
    private final OwnMessages own = new OwnMessages();
    private final BlockingQueue<Event.SyncedBlock> synced;
    private final AtomicBoolean inputAvailable = new AtomicBoolean();
    private final List<CommitmentSeen> commitments = new ArrayList<>();
    private volatile Snapshot snapshot;
    private volatile Throwable failure;
    private volatile boolean running;
    private Thread thread;
    private volatile long steps;
    private volatile int pendingTimers;
    private volatile long nextTimerInMs;
    private volatile long iterations;
    private long nextRebroadcastMs;
    private long nextStatusMs;

    ConsensusDriver(ConsensusCore core, GossipInbox inbox, Outbound outbound, SignerStateStore signerStore,
                    BlockCommitter committer, BlockSyncer syncer, DriverSettings settings, LongSupplier clock,
                    DriverMetrics metrics, Supplier<List<PeerStatus>> peerStatus) {
        this.core = core;
        this.chainId = core.config().chainId();
        this.inbox = inbox;
        this.outbound = outbound;
        this.syncer = syncer;
        this.settings = settings;
        this.clock = clock;
        this.metrics = metrics;
        this.peerStatus = peerStatus;
        this.synced = new ArrayBlockingQueue<>(settings.syncQueueBlocks());
        this.effects = new EffectRunner(signerStore, committer, syncer, timers, metrics, this::sent, clock);
        publishSnapshot();
    }

    /** Hook for the input reader ({@code InputWindow.onAppend}); never blocks. */
    public void inputAppended() {
        inputAvailable.set(true);
    }

    @Override
    public synchronized void start() {
        running = true;
        thread = new Thread(this::run, "consensus-driver");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void stop() throws InterruptedException {
        Thread t;
        synchronized (this) {
            running = false;
            t = thread;
        }
        if (t != null) {
            t.interrupt();
            t.join(10_000);
        }
    }

    /** Why the driver stopped on its own, or null while it runs (or after a clean stop). */
    public Throwable failure() {
        return failure;
    }

    /** Events stepped so far and timeouts pending (for metrics and diagnostics). */
    public String progress() {
        return "steps=" + steps + " timers=" + pendingTimers + " nextTimerInMs=" + nextTimerInMs
                 + " iterations=" + iterations + " alive=" + alive() + " inbox=" + inbox.size()
                + (failure == null ? "" : " failure=" + failure);
    }

    public long steps() {
        return steps;
    }

    public boolean alive() {
        Thread t = thread;
        return t != null && t.isAlive() && failure == null;
    }

    private void run() {
        try {
            step(new Event.Start());
            while (running) {
                iterate();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Throwable t) {
            failure = t;
            running = false;
            LOG.error("consensus driver stopped: no more votes will be signed; restart the node after fixing the cause",
                    t);
        }
    }

    private void iterate() throws InterruptedException {
        for (Event.TimeoutFired t : timers.takeDue(clock.getAsLong())) {
            step(t);
        }
        Event.SyncedBlock block;
        while ((block = synced.poll()) != null) {
            stepSynced(block);
        }
        if (inputAvailable.getAndSet(false)) {
            step(new Event.InputAvailable());
        }
        periodic(clock.getAsLong());
        long waitMs = timers.msUntilNext(clock.getAsLong(), settings.pollIntervalMs());
        iterations++;
        for (GossipEnvelope e : inbox.take(settings.gossipBatch(), waitMs)) {
            onEnvelope(e);
        }
    }

    /**
     * A synced block is either decided (the tip moves) or not applied: stale (its height is already
     * decided here) or rejected by the core, which alone is counted. Either way the syncer stops
     * waiting for it.
     */
    private void stepSynced(Event.SyncedBlock block) {
        long before = core.tip().height();
        effects.syncing(true);
        step(block);
        effects.syncing(false);
        if (core.tip().height() == before) {
            if (block.header().height() > before) {
                metrics.syncedBlockRejected();
            }
            syncer.offeredBlockNotApplied();
        }
    }

    private void onEnvelope(GossipEnvelope e) {
        syncer.peerHeight(e.sender(), Math.max(0, e.height() - 1));
        GossipPayloads.Inbound in = GossipPayloads.decode(e);
        if (in instanceof GossipPayloads.Inbound.Status s) {
            syncer.peerHeight(s.sender(), s.tipHeight());
        } else if (in instanceof GossipPayloads.Inbound.Malformed m) {
            metrics.malformedGossip();
            LOG.debug("malformed gossip payload from {}: {}", e.sender(), m.detail());
        } else {
            ConsensusMessage message = ((GossipPayloads.Inbound.Message) in).message();
            boolean accepted = step(new Event.MessageReceived(message));
            if (accepted) {
                own.accepted(message);
                if (message instanceof Commitment c) {
                    seen(c);
                }
            }
        }
    }

    /** Steps the core and performs its effects; returns false if the event's message was rejected. */
    private boolean step(Event event) {
        long heightBefore = core.status().height();
        List<Effect> out = core.step(event, clock.getAsLong());
        boolean accepted = effects.run(out, event instanceof Event.MessageReceived r ? r.message() : null);
        if (core.status().height() != heightBefore) {
            synchronized (commitments) {
                commitments.clear();
            }
            nextRebroadcastMs = clock.getAsLong() + settings.rebroadcastIntervalMs();
            syncer.localAdvanced();
        }
        publishSnapshot();
        steps++;
        pendingTimers = timers.size();
        nextTimerInMs = timers.msUntilNext(clock.getAsLong(), Long.MAX_VALUE);
        return accepted;
    }

    private void sent(ConsensusMessage m) {
        own.accepted(m);
        outbound.broadcast(m);
        if (m instanceof Commitment c) {
            seen(c);
        }
    }

    private void periodic(long now) {
        if (now >= nextRebroadcastMs) {
            nextRebroadcastMs = now + settings.rebroadcastIntervalMs();
            own.forHeight(core.status().height()).forEach(outbound::broadcast);
        }
        if (now >= nextStatusMs) {
            nextStatusMs = now + settings.statusIntervalMs();
            ChainTip tip = core.tip();
            outbound.status(core.status().height(), core.status().round(), tip.height(), tip.blockId());
        }
    }

    private void seen(Commitment c) {
        synchronized (commitments) {
            if (commitments.size() < MAX_COMMITMENTS && c.height() == core.status().height()) {
                commitments.add(new CommitmentSeen(c.height(), c.round(), c.committerIndex(), c.pi()));
            }
        }
    }

    private void publishSnapshot() {
        ConsensusStatus s = core.status();
        ChainTip tip = core.tip();
        snapshot = new Snapshot(tip.height(), tip.blockId(), s.round(), s.step().name(), s.waiting());
    }

    // ---- SyncTarget (syncer thread) ----

    @Override
    public long localHeight() {
        return snapshot.height();
    }

    @Override
    public boolean offer(Event.SyncedBlock block, long timeoutMs) throws InterruptedException {
        return running && synced.offer(block, timeoutMs, TimeUnit.MILLISECONDS);
    }

    // ---- NodeStatusView (any thread) ----

    @Override
    public String chainId() {
        return chainId;
    }

    @Override
    public long height() {
        return snapshot.height();
    }

    @Override
    public Bytes latestBlockId() {
        return snapshot.blockId();
    }

    @Override
    public int round() {
        return snapshot.round();
    }

    @Override
    public String step() {
        return snapshot.step();
    }

    @Override
    public boolean waiting() {
        return snapshot.waiting();
    }

    @Override
    public boolean catchingUp() {
        return syncer.catchingUp();
    }

    @Override
    public List<CommitmentSeen> commitments() {
        synchronized (commitments) {
            return List.copyOf(commitments);
        }
    }

    @Override
    public List<PeerView> peers() {
        Map<Integer, Long> heights = syncer.peerHeights();
        List<PeerView> out = new ArrayList<>();
        for (PeerStatus p : peerStatus.get()) {
            out.add(new PeerView(p.peer(), p.reachable(), heights.getOrDefault(p.peer(), -1L)));
        }
        return out;
    }

    private record Snapshot(long height, Bytes blockId, int round, String step, boolean waiting) {
    }
}
