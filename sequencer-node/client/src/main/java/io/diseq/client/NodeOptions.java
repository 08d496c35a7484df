package io.diseq.client;

import java.net.URI;
import picocli.CommandLine.Option;

/** Where a node's REST API is (what its answers are verified against: {@link TrustOptions}). */
final class NodeOptions {
    @Option(names = {"-n", "--node"}, paramLabel = "URL", defaultValue = "${env:DISEQ_NODE_URL:-http://127.0.0.1:8090}",
            description = "a node's REST address (env DISEQ_NODE_URL; default: ${DEFAULT-VALUE})")
    URI node;

    /** @throws ClientException if the URL is not http(s) */
    URI nodeUri() throws ClientException {
        if (node.getScheme() == null || !(node.getScheme().equals("http") || node.getScheme().equals("https"))
                || node.getHost() == null) {
            throw new ClientException("invalid --node " + node + ": expected http://HOST:PORT");
        }
        return node;
    }
}
