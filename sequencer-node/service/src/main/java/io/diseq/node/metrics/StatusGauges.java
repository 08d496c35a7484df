package io.diseq.node.metrics;

import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;
import io.diseq.node.consensus.NodeStatusView;
import io.diseq.node.input.InputWindow;
import io.diseq.node.input.PartitionFill;

/**
 * Gauges over the consensus status view and the input window (docs/operations-node.md §Metrics),
 * read on each scrape; they complement the driver's own metrics ({@code consensus.height},
 * {@code consensus.round}, {@code consensus.finalityMs}, {@code consensus.messagesPerBlock},
 * {@code consensus.rejected.<CODE>}, {@code sync.*}) and never duplicate a name of theirs.
 */
public final class StatusGauges {
    /** Peers whose last gossip delivery succeeded. */
    public static final String PEERS_REACHABLE = "consensus.peers.reachable";
    /** Prefix of {@code consensus.peer.<index>.reachable}: 1 reachable, 0 not, −1 not reported (this node). */
    public static final String PEER_PREFIX = "consensus.peer.";
    /** Catch-up progress: heights the best peer reported beyond this node's latest decided height. */
    public static final String HEIGHTS_BEHIND = "catchup.heightsBehind";
    /** The fullest partition's window fill, 0..1 (see {@link #fill}). */
    public static final String WINDOW_FILL = "input.window.fill";

    private StatusGauges() {
    }

    /** Registers the gauges, once per registry; {@code validators} is the size of the validator set. */
    public static void register(MetricRegistry registry, NodeStatusView status, InputWindow window,
                                int windowMaxRecords, long windowMaxBytes, int validators) {
        registry.register(PEERS_REACHABLE, (Gauge<Long>) () ->
                status.peers().stream().filter(NodeStatusView.PeerView::reachable).count());
        for (int i = 0; i < validators; i++) {
            int peer = i;
            registry.register(PEER_PREFIX + peer + ".reachable", (Gauge<Integer>) () ->
                    status.peers().stream().filter(p -> p.index() == peer).findFirst()
                            .map(p -> p.reachable() ? 1 : 0).orElse(-1));
        }
        registry.register(HEIGHTS_BEHIND, (Gauge<Long>) () -> heightsBehind(status));
        registry.register(WINDOW_FILL, (Gauge<Double>) () -> window.fill().stream()
                .mapToDouble(f -> fill(f, windowMaxRecords, windowMaxBytes)).max().orElse(0));
    }

    static long heightsBehind(NodeStatusView status) {
        return Math.max(0, status.vouchedPeerHeight() - status.height());
    }

    /** The larger of the records and bytes fractions of one partition's window, at most 1. */
    public static double fill(PartitionFill f, int maxRecords, long maxBytes) {
        return Math.min(1.0, Math.max((double) f.records() / maxRecords, (double) f.bytes() / maxBytes));
    }
}
