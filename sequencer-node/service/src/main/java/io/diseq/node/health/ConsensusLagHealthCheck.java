package io.diseq.node.health;

import com.codahale.metrics.health.HealthCheck;
import io.diseq.node.consensus.NodeStatusView;

/**
 * Unhealthy when the best height a peer reported is more than {@code maxLag} heights above this node's
 * latest decided height (it is catching up, or cannot). Healthy again once it has caught up.
 */
public final class ConsensusLagHealthCheck extends HealthCheck {
    private final NodeStatusView status;
    private final long maxLag;

    public ConsensusLagHealthCheck(NodeStatusView status, long maxLag) {
        this.status = status;
        this.maxLag = maxLag;
    }

    @Override
    protected Result check() {
        long best = status.peers().stream().mapToLong(NodeStatusView.PeerView::reportedHeight).max().orElse(-1);
        long lag = best - status.height();
        String msg = "height " + status.height() + ", best peer " + best;
        return lag > maxLag ? Result.unhealthy(msg + ": lagging " + lag + " heights") : Result.healthy(msg);
    }
}
