package io.diseq.devnet;

import io.diseq.core.crypto.ValidatorKeys;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The YAML trees of the generated configurations. Every key here is a property of
 * {@code io.diseq.node.config.NodeConfiguration} or {@code io.diseq.ingest.app.IngestConfiguration}
 * (Dropwizard rejects unknown keys, so {@code NetworkGeneratorTest} catches any drift).
 */
final class ConfigTemplates {
    /** Devnet timeouts: short, so that a newcomer sees blocks within seconds on one machine. */
    private static final Map<String, Object> TIMEOUTS = ordered(
            "proposeMs", 1500, "proposeDeltaMs", 500,
            "prevoteMs", 1000, "prevoteDeltaMs", 500,
            "precommitMs", 1000, "precommitDeltaMs", 500);

    private ConfigTemplates() {
    }

    static List<Map<String, Object>> validatorSet(NetworkSpec spec, List<ValidatorKeys> keys) {
        List<Map<String, Object>> set = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            set.add(ordered("id", spec.validatorId(i),
                    "signingPublicKey", NetworkGenerator.hex(keys.get(i).signing().publicKey()),
                    "vrfPublicKey", NetworkGenerator.hex(keys.get(i).vrfPublicKey()),
                    "gossipUrl", spec.gossipUrl(i)));
        }
        return set;
    }

    static Map<String, Object> node(NetworkSpec spec, int index, List<Map<String, Object>> validatorSet,
                                    String keyFile, Path out) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("chainId", spec.chainId());
        root.put("genesisTimeMs", spec.genesisTimeMs());
        root.put("validators", validatorSet);
        root.put("keyFile", keyFile);
        root.put("timeouts", TIMEOUTS);
        root.put("blockLimits", ordered("maxMessages", 10_000, "maxBytes", 8 * 1024 * 1024,
                "maxMessageBytes", 65_536, "maxClockDriftMs", 5_000, "emptyBlockIntervalMs", 0));
        root.put("kafka", ordered("bootstrapServers", spec.bootstrap(), "topicPrefix", spec.chainId()));
        root.put("http", ordered("submitEnabled", true));
        root.put("database", database(spec, index));
        root.put("gossipServer", gossipServer(spec, index));
        root.put("server", server(spec, out, spec.validatorId(index), spec.httpPort(index), spec.adminPort(index)));
        root.put("logging", logging(spec, out, spec.validatorId(index)));
        return root;
    }

    static Map<String, Object> ingest(NetworkSpec spec, Path out) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("chainId", spec.chainId());
        root.put("maxMessageBytes", 65_536);
        String stateDir = spec.layout() == Layout.COMPOSE ? Layout.COMPOSE_INGEST_STATE_DIR
                : out.resolve("ingest-state").toString();
        root.put("kafka", ordered("bootstrapServers", spec.bootstrap(), "stateDir", stateDir,
                "createTopics", true));
        root.put("topics", ordered("replicationFactor", 1, "minInsyncReplicas", 1,
                "raw", ordered("partitions", spec.partitions(), "retentionMs", 604_800_000L),
                "messages", ordered("partitions", spec.partitions(), "retentionMs", -1),
                "rejected", ordered("partitions", 1, "retentionMs", 2_592_000_000L)));
        root.put("server", server(spec, out, "ingest", spec.ingestHttpPort(), spec.ingestAdminPort()));
        root.put("logging", logging(spec, out, "ingest"));
        return root;
    }

    private static Map<String, Object> database(NetworkSpec spec, int index) {
        String password = spec.layout() == Layout.COMPOSE ? "${" + Layout.DB_PASSWORD_ENV + "}"
                : NetworkSpec.LOCAL_DB_PASSWORD;
        return ordered("driverClass", "org.postgresql.Driver", "url", spec.jdbcUrl(index),
                "user", NetworkSpec.DB_USER, "password", password, "initialSize", 1, "minSize", 1, "maxSize", 8,
                "properties", ordered("reWriteBatchedInserts", "true"));
    }

    /** The gossip port every peer's gossip URL names; LOCAL binds it to loopback, COMPOSE to every interface. */
    private static Map<String, Object> gossipServer(NetworkSpec spec, int index) {
        Map<String, Object> gossip = ordered("port", spec.gossipPort(index));
        if (spec.layout() == Layout.LOCAL) {
            gossip.put("bindHost", "127.0.0.1");
        }
        return gossip;
    }

    /**
     * LOCAL: both connectors on loopback (a devnet is not a service). COMPOSE: the application port on
     * every interface, and the admin port bound explicitly to every interface of the container so that
     * Prometheus can scrape it over the compose network (compose does not publish admin ports).
     */
    private static Map<String, Object> server(NetworkSpec spec, Path out, String name, int httpPort, int adminPort) {
        String bindHost = spec.layout() == Layout.COMPOSE ? "0.0.0.0" : "127.0.0.1";
        Map<String, Object> app = ordered("type", "http", "port", httpPort);
        Map<String, Object> server = ordered("applicationConnectors", List.of(app),
                "adminConnectors", List.of(ordered("type", "http", "port", adminPort, "bindHost", bindHost)));
        // The classic request log: Dropwizard's logback-access one warns about versions on every start.
        server.put("requestLog", ordered("type", "classic"));
        if (spec.layout() == Layout.LOCAL) {
            app.put("bindHost", bindHost);
            // The devnet's console is for its status line: request logs go to a file.
            server.put("requestLog", ordered("type", "classic", "appenders", List.of(ordered("type", "file",
                    "currentLogFilename", out.resolve("logs").resolve(name + "-requests.log").toString(),
                    "archive", false))));
        }
        return server;
    }

    private static Map<String, Object> logging(NetworkSpec spec, Path out, String name) {
        if (spec.layout() == Layout.COMPOSE) {
            return ordered("level", "INFO", "loggers", ordered("org.apache.kafka", "WARN"));
        }
        Map<String, Object> file = ordered("type", "file", "currentLogFilename",
                out.resolve("logs").resolve(name + ".log").toString(), "archive", false);
        return ordered("level", "INFO", "loggers", ordered("org.apache.kafka", "WARN"), "appenders", List.of(file));
    }

    /** A map that keeps the given key order (so the YAML reads like the example configs). */
    static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
