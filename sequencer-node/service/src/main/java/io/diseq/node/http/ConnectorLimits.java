package io.diseq.node.http;

import org.eclipse.jetty.server.HttpConfiguration;

/**
 * How long and how slowly a client may hold a connection (docs/operations-node.md §Connectors).
 *
 * @param idleTimeoutMs             a connection with no bytes in either direction for this long is closed
 * @param headerTimeoutMs           a request whose line and headers are not complete this long after their
 *                                  first byte is closed ({@link HeaderTimeout}): a client dribbling headers
 *                                  one byte at a time never looks idle
 * @param minRequestBytesPerSecond  a request body arriving slower than this, on average, is failed (408)
 * @param minResponseBytesPerSecond a response read slower than this, on average, is aborted
 */
public record ConnectorLimits(long idleTimeoutMs, long headerTimeoutMs, long minRequestBytesPerSecond,
                              long minResponseBytesPerSecond) {
    public ConnectorLimits {
        if (idleTimeoutMs < 1 || headerTimeoutMs < 1 || minRequestBytesPerSecond < 0 || minResponseBytesPerSecond < 0) {
            throw new IllegalArgumentException("timeouts must be positive and data rates non-negative");
        }
    }

    /** Applies the data rates to a Jetty HTTP configuration (the idle timeout belongs to the connector). */
    public void applyTo(HttpConfiguration http) {
        http.setMinRequestDataRate(minRequestBytesPerSecond);
        http.setMinResponseDataRate(minResponseBytesPerSecond);
        http.setIdleTimeout(idleTimeoutMs);
    }
}
