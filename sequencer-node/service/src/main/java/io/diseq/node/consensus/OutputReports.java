package io.diseq.node.consensus;

import io.diseq.core.chain.RejectCode;
import io.diseq.core.runtime.GossipType;
import io.diseq.core.runtime.Output;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runtime's reporting outputs ({@code Decided}, {@code Rejected}, {@code InputFailed}, {@code EvidenceFound},
 * {@code SignRefused}, {@code StorageRetry}): metrics and log lines only. Every rejection is logged at DEBUG as
 * {@code "rejected {code}: {detail}"}; a failed input at WARN, at most once per sender per
 * {@value #WARN_INTERVAL_MS} ms. Driver thread only.
 */
public final class OutputReports {
    private static final Logger LOG = LoggerFactory.getLogger(OutputReports.class);
    private static final long WARN_INTERVAL_MS = 10_000;

    private final DriverMetrics metrics;
    private final LongSupplier clock;
    private final Map<Integer, Long> lastWarnMs = new HashMap<>();
    private final Map<Integer, Integer> suppressed = new HashMap<>();
    private boolean voted;

    public OutputReports(DriverMetrics metrics, LongSupplier clock) {
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * A signed message is about to be sent: prevotes and precommits count in {@code consensus.votes.sent}, and
     * the first one since the process started is logged (how long a restarted validator takes to vote again).
     */
    void sent(Output.Send s) {
        if (s.type() != GossipType.PREVOTE && s.type() != GossipType.PRECOMMIT) {
            return;
        }
        metrics.voteSent();
        if (!voted) {
            voted = true;
            LOG.info("first vote since start: {} at height {} round {}", s.type(), s.height(), s.round());
        }
    }

    void report(Output o) {
        if (o instanceof Output.Decided d) {
            if (d.fromSync()) {
                metrics.decidedFromSync();
            } else {
                metrics.decided(d.block(), clock.getAsLong());
            }
        } else if (o instanceof Output.Rejected r) {
            rejected(r);
        } else if (o instanceof Output.InputFailed f) {
            inputFailed(f);
        } else if (o instanceof Output.EvidenceFound e) {
            metrics.evidence();
            LOG.warn("equivocation evidence: {}", e.evidence());
        } else if (o instanceof Output.SignRefused s) {
            metrics.signRefused();
            LOG.info("double-sign guard refused to sign at ({}, {}, {}): {}", s.height(), s.round(), s.step(),
                    s.reason());
        } else if (o instanceof Output.StorageRetry s) {
            metrics.storageRetry();
            LOG.warn("storage request failed, retrying: {}: {}", s.what(), s.reason());
        } else {
            throw new IllegalStateException("unknown output " + o);
        }
    }

    /** A synchronous write failed while the database was unavailable and is retried ({@link DurableWrites} logs it). */
    void storageRetry() {
        metrics.storageRetry();
    }

    private void rejected(Output.Rejected r) {
        metrics.rejected(r.code());
        if (r.code() == RejectCode.MALFORMED && r.source() == Output.Source.GOSSIP) {
            metrics.malformedGossip();
        }
        if (r.source() == Output.Source.SYNC) {
            metrics.syncedBlockRejected();
        }
        LOG.debug("rejected {}: {}", r.code(), r.detail());
    }

    private void inputFailed(Output.InputFailed f) {
        metrics.inputFailed();
        long now = clock.getAsLong();
        Long last = lastWarnMs.get(f.sender());
        if (last != null && now - last < WARN_INTERVAL_MS) {
            suppressed.merge(f.sender(), 1, Integer::sum);
            return;
        }
        lastWarnMs.put(f.sender(), now);
        int skipped = suppressed.getOrDefault(f.sender(), 0);
        suppressed.remove(f.sender());
        LOG.warn("input from validator {} failed and was dropped ({}; {} similar suppressed): {}", f.sender(),
                f.what(), skipped, f.error().toString(), f.error());
    }
}
