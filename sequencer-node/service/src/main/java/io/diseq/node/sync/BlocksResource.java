package io.diseq.node.sync;

import io.diseq.node.http.ApiErrorCode;
import io.diseq.node.http.ApiException;
import io.diseq.node.store.BlockRow;
import io.diseq.node.store.BlockStore;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code GET /internal/blocks?from=H&limit=N}: decided blocks {@code H, H+1, …} with their certificates
 * and messages for catching-up peers (docs/protocol.md §30.4), as {@code application/octet-stream}.
 * Unauthenticated on purpose: the data is public and the certificate inside is what authenticates a
 * block; the receiver verifies everything before storing. The response holds at most {@code limit}
 * (capped by {@code maxBlocks}) consecutive blocks and stops before exceeding {@code maxBytes}
 * (but always carries at least one block if {@code H} is stored); an empty list means "nothing from H".
 */
@Path("/internal/blocks")
public final class BlocksResource {
    /** Rejections of this endpoint. */
    public enum Code implements ApiErrorCode {
        BAD_RANGE(400);

        private final int status;

        Code(int status) {
            this.status = status;
        }

        @Override
        public int httpStatus() {
            return status;
        }
    }

    private static final Pattern DECIMAL = Pattern.compile("[1-9][0-9]{0,17}");

    private final BlockStore store;
    private final int maxBlocks;
    private final int maxBytes;

    public BlocksResource(BlockStore store, int maxBlocks, int maxBytes) {
        this.store = store;
        this.maxBlocks = maxBlocks;
        this.maxBytes = maxBytes;
    }

    @GET
    @Produces(MediaType.APPLICATION_OCTET_STREAM)
    public byte[] blocks(@QueryParam("from") String fromParam, @QueryParam("limit") String limitParam) {
        long from = positive(fromParam, Long.MAX_VALUE);
        int limit = (int) positive(limitParam, Integer.MAX_VALUE);
        List<byte[]> encoded = new ArrayList<>();
        long bytes = 0;
        for (BlockRow row : store.blocksFrom(from, Math.min(limit, maxBlocks))) {
            if (row.height() != from + encoded.size()) {
                break;
            }
            byte[] block = SyncBlocksCodec.encodeBlock(row.headerRlp(), row.certificate(),
                    store.messagesAt(row.height()), store.messageSourcesAt(row.height()));
            if (!encoded.isEmpty() && bytes + block.length > maxBytes) {
                break;
            }
            encoded.add(block);
            bytes += block.length;
        }
        return SyncBlocksCodec.encodeResponse(encoded);
    }

    /**
     * A decimal integer in 1..max; anything else (absent, empty, signed, non-digit, too long) is BAD_RANGE.
     * The parameters arrive as strings so that a malformed one is this typed 400, not Jersey's 404.
     */
    private static long positive(String value, long max) {
        if (value == null || !DECIMAL.matcher(value).matches()) {
            throw badRange();
        }
        long parsed = Long.parseLong(value);
        if (parsed > max) {
            throw badRange();
        }
        return parsed;
    }

    private static ApiException badRange() {
        return new ApiException(Code.BAD_RANGE, "from >= 1 and limit >= 1 are required (decimal integers)");
    }
}
