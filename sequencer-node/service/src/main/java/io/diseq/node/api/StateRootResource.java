package io.diseq.node.api;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** {@code /v1/state-root}: the cumulative state root (docs/protocol.md §6.4) after the latest or a given block. */
@Path("/v1/state-root")
@Produces(MediaType.APPLICATION_JSON)
public final class StateRootResource {
    private final ChainQueries queries;

    public StateRootResource(ChainQueries queries) {
        this.queries = queries;
    }

    @GET
    public Views.StateRoot latest() {
        return queries.latestStateRoot();
    }

    @GET
    @Path("{height}")
    public Views.StateRoot atHeight(@PathParam("height") String height) {
        return queries.stateRoot(Params.height(height));
    }
}
