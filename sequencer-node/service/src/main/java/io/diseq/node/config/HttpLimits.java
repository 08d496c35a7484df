package io.diseq.node.config;

/**
 * Exposure settings of the HTTP endpoints: whether the public submit endpoint exists, and the
 * largest request body accepted on the public API and on the internal gossip path.
 */
public record HttpLimits(boolean submitEnabled, int apiMaxBodyBytes, int gossipMaxBodyBytes) {
    public HttpLimits {
        if (apiMaxBodyBytes < 1 || gossipMaxBodyBytes < 1) {
            throw new IllegalArgumentException("body limits must be positive");
        }
    }
}
