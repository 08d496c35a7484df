package io.diseq.node.http;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Bounds the request body of every public endpoint by the API limit. Internal paths
 * ({@code /internal/...}) are left to their resources, which read a bounded number of bytes
 * themselves and count rejects by their own codes. A declared Content-Length over the limit is refused
 * before any byte is read (413, code TOO_LARGE); a chunked body is cut off by a counting stream
 * that fails the read once the limit is passed, so no endpoint ever buffers more than its limit.
 */
@PreMatching
@Priority(Priorities.ENTITY_CODER)
public final class BodyLimitFilter implements ContainerRequestFilter {
    /** The code this filter rejects with; shared with resources that read bodies themselves. */
    public enum Code implements ApiErrorCode {
        TOO_LARGE;

        @Override
        public int httpStatus() {
            return 413;
        }
    }

    private final int limit;

    public BodyLimitFilter(int apiMaxBodyBytes) {
        this.limit = apiMaxBodyBytes;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (request.getUriInfo().getPath().startsWith("internal")) {
            return;
        }
        if (request.getLength() > limit) {
            request.abortWith(Response.status(413).type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(new ErrorBody(Code.TOO_LARGE.name(), "request body exceeds " + limit + " bytes")).build());
            return;
        }
        request.setEntityStream(new Limited(request.getEntityStream(), limit));
    }

    /** Reads at most {@code limit} bytes; one more is an {@link ApiException} TOO_LARGE. */
    private static final class Limited extends FilterInputStream {
        private final long limit;
        private long count;

        Limited(InputStream in, long limit) {
            super(in);
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            int n = super.read(buf, off, len);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) {
            count += n;
            if (count > limit) {
                throw new ApiException(Code.TOO_LARGE, "request body exceeds " + limit + " bytes");
            }
        }
    }
}
