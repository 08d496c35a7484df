package io.diseq.node.api;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code /v1/chain}: this node's chain file (docs/protocol.md §7.19): chain id, genesis time and the
 * ordered validator set with keys and gossip URLs, plus the validator-set hash and genesis id derived
 * from them. It is what the node is configured with, not a trust anchor: a verifier compares it with
 * the chain file it got from the chain's operators.
 */
@Path("/v1/chain")
@Produces(MediaType.APPLICATION_JSON)
public final class ChainResource {
    private final ChainQueries queries;

    public ChainResource(ChainQueries queries) {
        this.queries = queries;
    }

    @GET
    public Views.Chain chain() {
        return queries.chainFile();
    }
}
