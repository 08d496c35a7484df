package io.diseq.node.api;

import io.diseq.node.http.ApiException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** {@code /v1/blocks}: decided blocks by height, the latest, and ranges with a cursor. */
@Path("/v1/blocks")
@Produces(MediaType.APPLICATION_JSON)
public final class BlockResource {
    private final ChainQueries queries;

    public BlockResource(ChainQueries queries) {
        this.queries = queries;
    }

    /** Either {@code from} (default 0) or a {@code cursor} from a previous page; {@code limit} 1..100. */
    @GET
    public Views.BlockPage range(@QueryParam("from") String from, @QueryParam("cursor") String cursor,
                                 @QueryParam("limit") String limit) {
        if (from != null && cursor != null) {
            throw new ApiException(ApiCode.BAD_CURSOR, "give either from or cursor, not both");
        }
        long start = cursor != null ? Params.fromCursor(cursor) : from != null ? Params.height(from) : 0;
        return queries.range(start, Params.limit(limit));
    }

    @GET
    @Path("latest")
    public Views.Block latest() {
        return queries.latest();
    }

    @GET
    @Path("{height}")
    public Views.Block byHeight(@PathParam("height") String height) {
        return queries.block(Params.height(height));
    }
}
