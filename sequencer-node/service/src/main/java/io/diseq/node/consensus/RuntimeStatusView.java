package io.diseq.node.consensus;

import io.diseq.core.runtime.RuntimeStatus;
import io.diseq.core.util.Bytes;
import io.diseq.node.gossip.PeerStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@link NodeStatusView} over the driver's published {@link RuntimeStatus} snapshot and its durable tip: never
 * blocks, never touches the database. {@link #height()} is the last DURABLE block (what the REST API serves);
 * the lag check uses the runtime's vouched height (f+1 validators' claims).
 */
public final class RuntimeStatusView implements NodeStatusView {
    private final String chainId;
    private final ConsensusDriver driver;
    private final Supplier<List<PeerStatus>> peers;

    public RuntimeStatusView(String chainId, ConsensusDriver driver, Supplier<List<PeerStatus>> peers) {
        this.chainId = chainId;
        this.driver = driver;
        this.peers = peers;
    }

    @Override
    public String chainId() {
        return chainId;
    }

    @Override
    public long height() {
        return driver.durableTip().height();
    }

    @Override
    public Bytes latestBlockId() {
        return driver.durableTip().blockId();
    }

    @Override
    public int round() {
        return driver.status().round();
    }

    @Override
    public String step() {
        return driver.status().step();
    }

    @Override
    public boolean waiting() {
        return driver.status().waiting();
    }

    @Override
    public boolean catchingUp() {
        return driver.status().catchingUp();
    }

    @Override
    public List<CommitmentSeen> commitments() {
        List<CommitmentSeen> out = new ArrayList<>();
        for (RuntimeStatus.Commitment c : driver.status().commitments()) {
            out.add(new CommitmentSeen(c.height(), c.round(), c.committer(), c.pi()));
        }
        return out;
    }

    @Override
    public List<PeerView> peers() {
        Map<Integer, Long> claims = driver.status().peerClaims();
        List<PeerView> out = new ArrayList<>();
        for (PeerStatus p : peers.get()) {
            out.add(new PeerView(p.peer(), p.reachable(), claims.getOrDefault(p.peer(), -1L)));
        }
        return out;
    }

    @Override
    public long vouchedPeerHeight() {
        return driver.status().vouchedHeight();
    }
}
