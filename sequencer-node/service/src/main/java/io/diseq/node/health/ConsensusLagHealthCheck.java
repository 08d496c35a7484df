package io.diseq.node.health;

import com.codahale.metrics.health.HealthCheck;
import io.diseq.node.consensus.NodeStatusView;

/**
 * Unhealthy when the height that f + 1 peers vouch for ({@link NodeStatusView#vouchedPeerHeight()})
 * is more than {@code maxLag} heights above this node's latest decided height (it is catching up,
 * or cannot). Healthy again once it has caught up. A single byzantine peer's inflated report does
 * not count.
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
        long vouched = status.vouchedPeerHeight();
        long lag = vouched - status.height();
        String msg = "height " + status.height() + ", height vouched for by f+1 peers " + vouched;
        return lag > maxLag ? Result.unhealthy(msg + ": lagging " + lag + " heights") : Result.healthy(msg);
    }
}
