package io.diseq.harness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.diseq.devnet.GeneratedNetwork;
import io.diseq.devnet.NetworkSpec;
import java.io.IOException;
import java.util.function.IntBinaryOperator;
import java.util.function.IntUnaryOperator;

/**
 * Rewrites the generator's node configurations for the fault topology: in validator i's file, every
 * peer j's {@code gossipUrl} names the loopback proxy of the link i→j (the gossip URL is not part of
 * the validator-set hash, docs/protocol.md §7.1, so each node may name its peers differently), and the
 * database URL names validator i's own PostgreSQL server.
 */
final class FaultConfigs {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER).enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

    private FaultConfigs() {
    }

    static void rewrite(GeneratedNetwork network, NetworkSpec spec, IntBinaryOperator proxyPort,
                        IntUnaryOperator postgresPort) throws IOException {
        for (GeneratedNetwork.ValidatorFiles v : network.validators()) {
            int i = v.index();
            ObjectNode root = (ObjectNode) YAML.readTree(v.config().toFile());
            ArrayNode peers = (ArrayNode) root.path("validators");
            for (int j = 0; j < peers.size(); j++) {
                if (j != i) {
                    ((ObjectNode) peers.get(j)).put("gossipUrl",
                            "http://localhost:" + proxyPort.applyAsInt(i, j) + "/internal/gossip");
                }
            }
            JsonNode database = root.path("database");
            ((ObjectNode) database).put("url", jdbcUrl(spec, i, postgresPort.applyAsInt(i)));
            YAML.writeValue(v.config().toFile(), root);
        }
    }

    static String jdbcUrl(NetworkSpec spec, int validator, int port) {
        return "jdbc:postgresql://localhost:" + port + "/" + spec.databaseName(validator);
    }
}
