package io.diseq.node.http;

import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http.BadMessageException;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.NanoTime;

/**
 * The minimum request data rate of a connector (docs/operations-node.md §Connectors): a request body
 * must arrive within a grace (the connector's header timeout) plus its bytes so far at the minimum rate,
 * counted from the application's first read (so neither a server busy before it reads nor a client
 * waiting for {@code 100 Continue} uses up the allowance). It is checked only when the application has
 * read everything that arrived and has to wait for the client; a body that is complete is never failed. A body too slow fails the read with 408 (the error body {@code REQUEST_TIMEOUT}) and, being
 * unread, closes the connection.
 *
 * <p>This replaces Jetty's own check ({@code HttpConfiguration.setMinRequestDataRate}, which the node
 * sets to 0): Jetty counts from the first body byte with no allowance and checks before every read, also
 * the one that only finds the end of a body already received, so a 2-byte body whose end is read 1 ms
 * after its start is "slower than 4096 B/s" and fails with 408; on a loaded machine that happens to
 * legitimate gossip envelopes and submits.
 */
public final class MinimumRequestRate extends Handler.Wrapper {
    private final Set<Connector> connectors;
    private final long bytesPerSecond;
    private final long graceNanos;

    /**
     * @param connectors the connectors whose requests are checked (requests on any other pass unchecked)
     * @param limits     {@code minRequestBytesPerSecond} (0 = no check) and the grace, {@code headerTimeoutMs}
     */
    public MinimumRequestRate(Handler handler, Set<Connector> connectors, ConnectorLimits limits) {
        super(handler);
        this.connectors = Set.copyOf(connectors);
        this.bytesPerSecond = limits.minRequestBytesPerSecond();
        this.graceNanos = TimeUnit.MILLISECONDS.toNanos(limits.headerTimeoutMs());
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        Handler next = getHandler();
        if (next == null) {
            return false;
        }
        if (bytesPerSecond == 0 || !connectors.contains(request.getConnectionMetaData().getConnector())) {
            return next.handle(request, response, callback);
        }
        return next.handle(new Timed(request), response, callback);
    }

    /**
     * The request with its body's progress. Jetty calls {@code read} of one request from one thread at a
     * time (the content source contract); the fields are volatile because those threads may differ.
     */
    private final class Timed extends Request.Wrapper {
        private volatile boolean started;
        private volatile long startNanos;
        private volatile long bytesRead;
        private volatile Content.Chunk failure;

        Timed(Request request) {
            super(request);
        }

        @Override
        public Content.Chunk read() {
            Content.Chunk failed = failure;
            if (failed != null) {
                return failed;
            }
            if (!started) {
                startNanos = NanoTime.now();
                started = true;
            }
            Content.Chunk chunk = super.read();
            if (chunk != null) {
                bytesRead += chunk.remaining();
                return chunk;
            }
            // nothing left to read: the application would now wait for the client
            if (NanoTime.since(startNanos) > graceNanos + TimeUnit.SECONDS.toNanos(bytesRead) / bytesPerSecond) {
                failure = Content.Chunk.from(new BadMessageException(408,
                        "request body slower than " + bytesPerSecond + " B/s"), true);
                return failure;
            }
            return null;
        }
    }
}
