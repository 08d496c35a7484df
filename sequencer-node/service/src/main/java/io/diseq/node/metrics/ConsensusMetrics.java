package io.diseq.node.metrics;

import com.codahale.metrics.Counter;
import com.codahale.metrics.Gauge;
import com.codahale.metrics.Histogram;
import com.codahale.metrics.MetricRegistry;
import io.diseq.core.chain.RejectCode;
import io.diseq.node.consensus.NodeStatusView;
import io.diseq.node.input.InputWindow;
import io.diseq.node.input.PartitionFill;
import java.util.EnumMap;
import java.util.Map;

/**
 * The node's consensus metrics (docs/operations-node.md §Metrics), kept in the Dropwizard
 * {@link MetricRegistry} and exposed in Prometheus text format on the admin port at {@code /prometheus}
 * (dots become underscores). Two kinds:
 * <ul>
 *   <li>gauges read on each scrape from the driver's {@link NodeStatusView} and the input window
 *       ({@link #registerGauges}, once per registry): height, round, catching-up, catch-up progress,
 *       per-peer reachability, window fill;</li>
 *   <li>events the consensus driver reports through {@link #of}: a decided block (time to finality and
 *       message count histograms) and a rejected consensus message (a counter per {@link RejectCode}).</li>
 * </ul>
 * {@link #of} only looks the metric objects up by name, so any component may obtain the same handles
 * in any order; all methods are thread-safe.
 */
public final class ConsensusMetrics {
    public static final String HEIGHT = "consensus.height";
    public static final String ROUND = "consensus.round";
    public static final String CATCHING_UP = "consensus.catchingUp";
    public static final String CATCH_UP_TARGET = "catchup.targetHeight";
    public static final String CATCH_UP_REMAINING = "catchup.remainingHeights";
    public static final String PEERS_REACHABLE = "consensus.peers.reachable";
    public static final String PEER_REACHABLE_PREFIX = "consensus.peer.";
    public static final String WINDOW_FILL = "input.window.fill";
    public static final String TIME_TO_FINALITY_MS = "consensus.timeToFinalityMs";
    public static final String MESSAGES_PER_BLOCK = "consensus.messagesPerBlock";
    public static final String REJECTED_PREFIX = "consensus.rejected.";

    private final Histogram timeToFinality;
    private final Histogram messagesPerBlock;
    private final Map<RejectCode, Counter> rejected = new EnumMap<>(RejectCode.class);

    private ConsensusMetrics(MetricRegistry registry) {
        this.timeToFinality = registry.histogram(TIME_TO_FINALITY_MS);
        this.messagesPerBlock = registry.histogram(MESSAGES_PER_BLOCK);
        for (RejectCode code : RejectCode.values()) {
            rejected.put(code, registry.counter(REJECTED_PREFIX + code.name()));
        }
    }

    /** The event metrics of {@code registry} (created on first use, shared afterwards). */
    public static ConsensusMetrics of(MetricRegistry registry) {
        return new ConsensusMetrics(registry);
    }

    /**
     * A block was decided and stored.
     *
     * @param timeToFinalityMs from the block's header timestamp (its proposer's clock) to the local
     *                         decision; negative values (clock skew) are recorded as 0
     */
    public void blockDecided(int messageCount, long timeToFinalityMs) {
        messagesPerBlock.update(messageCount);
        timeToFinality.update(Math.max(0, timeToFinalityMs));
    }

    /** The core rejected a consensus message or block with {@code code}. */
    public void rejected(RejectCode code) {
        rejected.get(code).inc();
    }

    /**
     * Registers the gauges over the live state, once per registry. {@code peers} are validator
     * indices; {@code consensus.peer.<i>.reachable} reads 1 or 0, or −1 when the view does not report
     * that index (this node itself).
     */
    public static void registerGauges(MetricRegistry registry, NodeStatusView status, InputWindow window,
                                      int windowMaxRecords, long windowMaxBytes, Iterable<Integer> peers) {
        registry.register(HEIGHT, (Gauge<Long>) () -> status.snapshot().height());
        registry.register(ROUND, (Gauge<Integer>) () -> status.snapshot().round());
        registry.register(CATCHING_UP, (Gauge<Integer>) () -> status.snapshot().catchingUp() ? 1 : 0);
        registry.register(CATCH_UP_TARGET, (Gauge<Long>) () -> status.snapshot().targetHeight());
        registry.register(CATCH_UP_REMAINING, (Gauge<Long>) () -> remaining(status.snapshot()));
        registry.register(PEERS_REACHABLE, (Gauge<Long>) () ->
                status.snapshot().peers().stream().filter(NodeStatusView.Peer::reachable).count());
        for (int peer : peers) {
            registry.register(PEER_REACHABLE_PREFIX + peer + ".reachable", (Gauge<Integer>) () ->
                    status.snapshot().peers().stream().filter(p -> p.index() == peer).findFirst()
                            .map(p -> p.reachable() ? 1 : 0).orElse(-1));
        }
        registry.register(WINDOW_FILL, (Gauge<Double>) () -> window.fill().stream()
                .mapToDouble(f -> fill(f, windowMaxRecords, windowMaxBytes)).max().orElse(0));
    }

    /** Heights still to fetch: the highest known decided height minus the latest local one. */
    static long remaining(NodeStatusView.Snapshot s) {
        return Math.max(0, s.targetHeight() - (s.height() - 1));
    }

    /** The larger of the records and bytes fractions of one partition's window, at most 1. */
    public static double fill(PartitionFill f, int maxRecords, long maxBytes) {
        return Math.min(1.0, Math.max((double) f.records() / maxRecords, (double) f.bytes() / maxBytes));
    }
}
