package io.diseq.node.http;

import io.dropwizard.lifecycle.Managed;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http.HttpParser;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.AbstractConnector;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.internal.HttpConnection;
import org.eclipse.jetty.util.NanoTime;

/**
 * Closes connections whose request line and headers take longer than the connector's header timeout,
 * counted from their first byte. Jetty's idle timeout only sees silence and its minimum data rate only
 * covers bodies, so without this a client sending one header byte a second holds a connection (and on
 * HTTP/1.1 a parser buffer) for hours. A sweep every quarter of the timeout (at least every 250 ms)
 * looks at each open HTTP/1.1 connection; the bound is therefore the timeout plus one sweep period.
 */
public final class HeaderTimeout implements Managed {
    private record Watched(AbstractConnector connector, long timeoutNanos) {
    }

    private final List<Watched> watched = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "http-header-timeout");
        t.setDaemon(true);
        return t;
    });
    private final long periodMs;

    public HeaderTimeout(long shortestTimeoutMs) {
        this.periodMs = Math.max(10, Math.min(250, shortestTimeoutMs / 4));
    }

    /** Watches a connector (any time, also after start); a connector that is not Jetty's own is ignored. */
    public void watch(Connector connector, long headerTimeoutMs) {
        if (connector instanceof AbstractConnector c) {
            watched.add(new Watched(c, TimeUnit.MILLISECONDS.toNanos(headerTimeoutMs)));
        }
    }

    @Override
    public void start() {
        sweeper.scheduleWithFixedDelay(this::sweep, periodMs, periodMs, TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        sweeper.shutdownNow();
    }

    private void sweep() {
        try {
            sweepOnce();
        } catch (RuntimeException e) {
            // a connection closing under the sweep: the next sweep sees the new set
        }
    }

    private void sweepOnce() {
        for (Watched w : watched) {
            for (EndPoint endPoint : w.connector().getConnectedEndPoints()) {
                if (endPoint.getConnection() instanceof HttpConnection http && tooSlow(http.getParser(), w.timeoutNanos())) {
                    endPoint.close();
                }
            }
        }
    }

    private static boolean tooSlow(HttpParser parser, long timeoutNanos) {
        return parser.inHeaderState() && !parser.isStart() && NanoTime.since(parser.getBeginNanoTime()) > timeoutNanos;
    }
}
