package io.diseq.node.api;

import io.diseq.core.chain.ChainConfig;
import io.diseq.core.chain.Genesis;
import io.diseq.core.consensus.Step;
import io.diseq.core.util.Bytes;
import io.diseq.node.consensus.NodeStatusView;
import io.diseq.node.gossip.GossipClient;
import io.diseq.node.store.BlockRow;
import io.diseq.node.store.BlockStore;
import java.util.List;
import java.util.Optional;

/**
 * The status of a node whose consensus driver is not running: the height it would decide next (the
 * latest stored + 1) at round 0, step PROPOSE, no commitments seen, not catching up, and peer
 * reachability from the gossip client. The application passes the driver's own view instead once
 * the driver is wired.
 */
public final class StoredChainStatus implements NodeStatusView {
    private final ChainConfig chain;
    private final BlockStore blocks;
    private final GossipClient gossip;
    private final Bytes genesisId;

    public StoredChainStatus(ChainConfig chain, BlockStore blocks, GossipClient gossip) {
        this.chain = chain;
        this.blocks = blocks;
        this.gossip = gossip;
        this.genesisId = Genesis.header(chain).id();
    }

    @Override
    public Snapshot snapshot() {
        Optional<BlockRow> latest = blocks.latest();
        long height = latest.map(BlockRow::height).orElse(0L);
        Bytes latestId = latest.map(r -> Bytes.of(r.blockId())).orElse(genesisId);
        List<Peer> peers = gossip.peers().stream().map(p -> new Peer(p.peer(), p.reachable())).toList();
        return new Snapshot(chain.chainId(), height + 1, latestId, 0, Step.PROPOSE, false, height, List.of(), peers);
    }
}
