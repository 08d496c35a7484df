package io.diseq.node.consensus;

import io.diseq.core.consensus.ConsensusMessage;
import io.diseq.core.consensus.Effect;
import io.diseq.node.sync.BlockSyncer;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Performs the core's effects IN LIST ORDER, each completed before the next (CONSENSUS-API.md):
 * {@code PersistSignerState} is committed to PostgreSQL before any later effect, so a vote never
 * leaves the process before the state that guards it is durable; {@code Broadcast} only enqueues;
 * {@code PersistDecidedBlock} is one transaction, then the window drains and the publisher is told.
 * Driver thread only. Any exception propagates and stops the driver.
 */
final class EffectRunner {
    private static final Logger LOG = LoggerFactory.getLogger(EffectRunner.class);

    private final SignerStateStore signerStore;
    private final BlockCommitter committer;
    private final BlockSyncer syncer;
    private final TimerQueue timers;
    private final DriverMetrics metrics;
    private final Consumer<ConsensusMessage> broadcast;
    private final LongSupplier clock;
    private boolean syncing;

    EffectRunner(SignerStateStore signerStore, BlockCommitter committer, BlockSyncer syncer, TimerQueue timers,
                 DriverMetrics metrics, Consumer<ConsensusMessage> broadcast, LongSupplier clock) {
        this.signerStore = signerStore;
        this.committer = committer;
        this.syncer = syncer;
        this.timers = timers;
        this.metrics = metrics;
        this.broadcast = broadcast;
        this.clock = clock;
    }

    /** Whether the effects that follow come from a synced block (finality is not measured for those). */
    void syncing(boolean fromSync) {
        this.syncing = fromSync;
    }

    /** Runs every effect; returns false if one of them rejected {@code received} (the event's message). */
    boolean run(List<Effect> effects, ConsensusMessage received) {
        boolean accepted = true;
        for (Effect effect : effects) {
            if (effect instanceof Effect.Rejected r && r.message() != null && r.message() == received) {
                accepted = false;
            }
            perform(effect);
        }
        return accepted;
    }

    private void perform(Effect effect) {
        if (effect instanceof Effect.PersistSignerState p) {
            signerStore.save(p.state());
        } else if (effect instanceof Effect.Broadcast b) {
            broadcast.accept(b.message());
        } else if (effect instanceof Effect.ScheduleTimeout t) {
            timers.schedule(t);
        } else if (effect instanceof Effect.PersistDecidedBlock d) {
            long storeStart = System.nanoTime();
            committer.commit(d.block());
            metrics.stored(System.nanoTime() - storeStart);
            if (!syncing) {
                metrics.decided(d.block(), clock.getAsLong());
            }
        } else if (effect instanceof Effect.Rejected r) {
            metrics.rejected(r.code());
            LOG.debug("rejected {}: {}", r.code(), r.detail());
        } else if (effect instanceof Effect.EvidenceFound e) {
            metrics.evidence();
            LOG.warn("equivocation evidence: {}", e.evidence());
        } else if (effect instanceof Effect.SyncNeeded s) {
            syncer.syncNeeded(s.height());
        } else if (effect instanceof Effect.SignRefused s) {
            metrics.signRefused();
            LOG.info("double-sign guard refused to sign at ({}, {}, {}): {}", s.height(), s.round(), s.step(),
                    s.reason());
        } else {
            throw new IllegalStateException("unknown effect " + effect);
        }
    }
}
