package io.diseq.node.api;

import io.diseq.core.chain.ChainConfig;
import io.diseq.core.chain.Validator;
import io.diseq.node.consensus.NodeStatusView;
import io.diseq.node.input.InputWindow;
import io.diseq.node.input.PartitionFill;
import io.diseq.node.metrics.ConsensusMetrics;
import io.diseq.node.store.BlockStore;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.List;

/** {@code /v1/status}, {@code /v1/consensus} and {@code /v1/pool}: what this node knows right now. */
@Path("/v1")
@Produces(MediaType.APPLICATION_JSON)
public final class NodeResource {
    private final ChainConfig chain;
    private final ChainQueries queries;
    private final NodeStatusView status;
    private final InputWindow window;
    private final int windowMaxRecords;
    private final long windowMaxBytes;

    NodeResource(ChainConfig chain, ChainQueries queries, NodeStatusView status, InputWindow window,
                 int windowMaxRecords, long windowMaxBytes) {
        this.chain = chain;
        this.queries = queries;
        this.status = status;
        this.window = window;
        this.windowMaxRecords = windowMaxRecords;
        this.windowMaxBytes = windowMaxBytes;
    }

    /** The latest decided block comes from storage, the live round and step from the consensus driver. */
    @GET
    @Path("status")
    public Views.Status status() {
        Views.StateRoot latest = queries.latestStateRoot();
        NodeStatusView.Snapshot s = status.snapshot();
        List<Views.ValidatorInfo> validators = new ArrayList<>();
        for (int i = 0; i < chain.validators().size(); i++) {
            Validator v = chain.validators().get(i);
            validators.add(new Views.ValidatorInfo(i, v.id(), v.signingKey().toHex(), v.vrfKey().toHex()));
        }
        return new Views.Status(chain.chainId(), latest.height(), latest.blockId(), s.height(), s.round(),
                s.step().name(), s.catchingUp(), chain.validators().quorum(), validators);
    }

    @GET
    @Path("consensus")
    public Views.Consensus consensus() {
        NodeStatusView.Snapshot s = status.snapshot();
        List<Views.CommitmentInfo> commitments = s.commitments().stream()
                .map(c -> new Views.CommitmentInfo(c.round(), c.committerIndex(), c.proposerIndex())).toList();
        List<Views.PeerInfo> peers = s.peers().stream()
                .map(p -> new Views.PeerInfo(p.index(), chain.validators().get(p.index()).id(), p.reachable())).toList();
        return new Views.Consensus(s.height(), s.round(), s.step().name(), s.catchingUp(), s.targetHeight(),
                commitments, peers);
    }

    /** The input window (the validator's mempool) per partition; fill is the larger of records and bytes used. */
    @GET
    @Path("pool")
    public Views.Pool pool() {
        List<Views.PartitionPool> partitions = new ArrayList<>();
        long records = 0;
        long bytes = 0;
        for (PartitionFill f : window.fill()) {
            double fill = ConsensusMetrics.fill(f, windowMaxRecords, windowMaxBytes);
            partitions.add(new Views.PartitionPool(f.partition(), f.nextUnsequenced(), f.readPosition(), f.records(),
                    f.bytes(), fill, f.full()));
            records += f.records();
            bytes += f.bytes();
        }
        return new Views.Pool(records, bytes, windowMaxRecords, windowMaxBytes, partitions);
    }
}
