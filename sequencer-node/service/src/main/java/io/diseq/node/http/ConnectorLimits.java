package io.diseq.node.http;

import org.eclipse.jetty.server.HttpConfiguration;

/**
 * How long and how slowly a client may hold a connection (docs/operations-node.md §Connectors).
 *
 * @param idleTimeoutMs             a connection with no bytes in either direction for this long is closed
 * @param headerTimeoutMs           a request whose line and headers are not complete this long after their
 *                                  first byte is closed ({@link HeaderTimeout}): a client dribbling headers
 *                                  one byte at a time never looks idle
 * @param minRequestBytesPerSecond  a request body still incomplete after {@code headerTimeoutMs} plus its bytes so
 *                                  far at this rate is failed (408, {@link MinimumRequestRate}); 0 = no minimum
 * @param minResponseBytesPerSecond handed to Jetty's HTTP configuration; Jetty 12.1's servlet output does not
 *                                  enforce it (docs/operations-node.md §Connectors)
 */
public record ConnectorLimits(long idleTimeoutMs, long headerTimeoutMs, long minRequestBytesPerSecond,
                              long minResponseBytesPerSecond) {
    public ConnectorLimits {
        if (idleTimeoutMs < 1 || headerTimeoutMs < 1 || minRequestBytesPerSecond < 0 || minResponseBytesPerSecond < 0) {
            throw new IllegalArgumentException("timeouts must be positive and data rates non-negative");
        }
    }

    /**
     * Applies the response data rate and the idle timeout to a Jetty HTTP configuration (the connector
     * takes the idle timeout too). Jetty's own request data rate stays off: {@link MinimumRequestRate}
     * enforces {@link #minRequestBytesPerSecond} instead.
     */
    public void applyTo(HttpConfiguration http) {
        http.setMinRequestDataRate(0);
        http.setMinResponseDataRate(minResponseBytesPerSecond);
        http.setIdleTimeout(idleTimeoutMs);
    }
}
