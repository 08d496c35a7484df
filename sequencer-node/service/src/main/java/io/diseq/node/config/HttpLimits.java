package io.diseq.node.config;

import io.diseq.node.http.ConnectorLimits;
import java.util.Objects;

/**
 * Exposure settings of the public HTTP endpoints: whether the public submit endpoint exists, the
 * largest request body accepted on the public API and on the internal gossip path, and the timeouts
 * and minimum data rates of the public connectors.
 */
public record HttpLimits(boolean submitEnabled, int apiMaxBodyBytes, int gossipMaxBodyBytes,
                         ConnectorLimits publicConnector) {
    public HttpLimits {
        if (apiMaxBodyBytes < 1 || gossipMaxBodyBytes < 1) {
            throw new IllegalArgumentException("body limits must be positive");
        }
        Objects.requireNonNull(publicConnector, "publicConnector");
    }
}
