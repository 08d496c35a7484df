package io.diseq.client;

import java.net.URI;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where a node's REST API is, and the validator set its answers are verified against. */
final class NodeOptions {
    @Option(names = {"-n", "--node"}, paramLabel = "URL", defaultValue = "${env:DISEQ_NODE_URL:-http://127.0.0.1:8090}",
            description = "a node's REST address (env DISEQ_NODE_URL; default: ${DEFAULT-VALUE})")
    URI node;

    @Option(names = "--validators", paramLabel = "FILE",
            description = "the chain's validators, one '<id> diseq-validator-v1 <signing pk> <vrf pk>' line each,"
                + " in validator order")
    Path validatorsFile;

    /** @throws ClientException if the URL is not http(s) */
    URI nodeUri() throws ClientException {
        if (node.getScheme() == null || !(node.getScheme().equals("http") || node.getScheme().equals("https"))
                || node.getHost() == null) {
            throw new ClientException("invalid --node " + node + ": expected http://HOST:PORT");
        }
        return node;
    }
}
