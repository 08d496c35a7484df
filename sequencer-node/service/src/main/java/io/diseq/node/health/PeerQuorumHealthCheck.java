package io.diseq.node.health;

import com.codahale.metrics.health.HealthCheck;
import io.diseq.node.consensus.NodeStatusView;

/**
 * Unhealthy when this validator plus the peers its gossip currently reaches are fewer than a quorum
 * (⌊2n/3⌋+1): the chain cannot make progress with the peers this node can talk to.
 */
public final class PeerQuorumHealthCheck extends HealthCheck {
    private final NodeStatusView status;
    private final int quorum;

    public PeerQuorumHealthCheck(NodeStatusView status, int quorum) {
        this.status = status;
        this.quorum = quorum;
    }

    @Override
    protected Result check() {
        long reachable = 1 + status.peers().stream().filter(NodeStatusView.PeerView::reachable).count();
        String msg = reachable + " validators reachable (including this one), quorum " + quorum;
        return reachable >= quorum ? Result.healthy(msg) : Result.unhealthy(msg + ": check the peers and the network");
    }
}
