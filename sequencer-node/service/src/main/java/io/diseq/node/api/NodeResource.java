package io.diseq.node.api;

import io.diseq.core.chain.ChainConfig;
import io.diseq.core.chain.Validator;
import io.diseq.node.consensus.NodeStatusView;
import io.diseq.node.input.InputWindow;
import io.diseq.node.input.PartitionFill;
import io.diseq.node.metrics.StatusGauges;
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
    private final NodeStatusView status;
    private final InputWindow window;
    private final int windowMaxRecords;
    private final long windowMaxBytes;

    public NodeResource(ChainConfig chain, NodeStatusView status, InputWindow window, int windowMaxRecords,
                 long windowMaxBytes) {
        this.chain = chain;
        this.status = status;
        this.window = window;
        this.windowMaxRecords = windowMaxRecords;
        this.windowMaxBytes = windowMaxBytes;
    }

    /** The latest decided block and the live round and step, as the consensus driver last published them. */
    @GET
    @Path("status")
    public Views.Status status() {
        List<Views.ValidatorInfo> validators = new ArrayList<>();
        for (int i = 0; i < chain.validators().size(); i++) {
            Validator v = chain.validators().get(i);
            validators.add(new Views.ValidatorInfo(i, v.id(), v.signingKey().toHex(), v.vrfKey().toHex()));
        }
        return new Views.Status(chain.chainId(), status.height(), status.latestBlockId().toHex(), status.height() + 1,
                status.round(), status.step(), status.waiting(), status.catchingUp(), chain.validators().quorum(),
                validators);
    }

    @GET
    @Path("consensus")
    public Views.Consensus consensus() {
        List<Views.CommitmentInfo> commitments = status.commitments().stream()
                .map(c -> new Views.CommitmentInfo(c.height(), c.round(), c.committer(), c.pi().toHex())).toList();
        List<Views.PeerInfo> peers = status.peers().stream()
                .map(p -> new Views.PeerInfo(p.index(), chain.validators().get(p.index()).id(), p.reachable(),
                        p.reportedHeight())).toList();
        return new Views.Consensus(status.height() + 1, status.height(), status.round(), status.step(), status.waiting(),
                status.catchingUp(), commitments, peers);
    }

    /** The input window (the validator's mempool) per partition; fill is the larger of records and bytes used. */
    @GET
    @Path("pool")
    public Views.Pool pool() {
        List<Views.PartitionPool> partitions = new ArrayList<>();
        long records = 0;
        long bytes = 0;
        for (PartitionFill f : window.fill()) {
            double fill = StatusGauges.fill(f, windowMaxRecords, windowMaxBytes);
            partitions.add(new Views.PartitionPool(f.partition(), f.nextUnsequenced(), f.readPosition(), f.records(),
                    f.bytes(), fill, f.full()));
            records += f.records();
            bytes += f.bytes();
        }
        return new Views.Pool(records, bytes, windowMaxRecords, windowMaxBytes, partitions);
    }
}
