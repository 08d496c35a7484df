package io.diseq.node.gossip;

import java.net.URI;

/** Delivery counters of one peer, for health checks and metrics (peer reachability). */
public record PeerStatus(int peer, URI url, long delivered, long failed, long dropped, long consecutiveFailures,
                         int queued) {
    public boolean reachable() {
        return consecutiveFailures == 0;
    }
}
