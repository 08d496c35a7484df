package io.diseq.node.testing;

import io.diseq.core.chain.ChainConfig;
import io.diseq.node.NodeApplication;
import io.diseq.node.config.NodeConfiguration;
import io.diseq.node.wiring.ConsensusModule;
import io.diseq.node.store.BlockStore;
import io.diseq.node.store.NodeDatabase;
import io.diseq.node.store.PostgresNodeStore;
import io.dropwizard.testing.DropwizardTestSupport;
import io.dropwizard.testing.ResourceHelpers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/**
 * N validator nodes (the public test keys v0..v3) in this JVM: one Dropwizard app per validator, each
 * with its own PostgreSQL database, public HTTP port and gossip port, all on one Kafka broker. Nodes are stopped and
 * started again individually (a restart keeps the database and port). The YAML of each node is
 * generated; {@code extraYaml} adds or overrides top-level sections (timeouts, block limits, …); {@code {self}}
 * in it becomes the validator's id.
 */
public final class Cluster implements AutoCloseable {
    private final String chainId;
    private final int size;
    private final List<Path> configs = new ArrayList<>();
    private final List<Integer> ports;
    private final List<Integer> gossipPorts;
    private final String extraYaml;
    private final String serverYaml;
    private final List<String> databases = new ArrayList<>();
    private final Map<Integer, Jdbi> jdbis = new java.util.concurrent.ConcurrentHashMap<>();
    private final List<DropwizardTestSupport<NodeConfiguration>> apps = new ArrayList<>();
    private final PostgresExtension pg;
    private final KafkaExtension kafka;

    public Cluster(String chainId, int size, KafkaExtension kafka, PostgresExtension pg, String extraYaml) {
        this(chainId, size, kafka, pg, extraYaml, "");
    }

    /**
     * @param serverYaml more keys of Dropwizard's {@code server} section (each line indented by two spaces),
     *                   for example {@code "  maxThreads: 16\n"}
     */
    public Cluster(String chainId, int size, KafkaExtension kafka, PostgresExtension pg, String extraYaml,
                   String serverYaml) {
        this.serverYaml = serverYaml;
        this.chainId = chainId;
        this.size = size;
        this.kafka = kafka;
        this.pg = pg;
        kafka.createTopic(chainId + ".messages", 2);
        kafka.createTopic(chainId + ".blocks", 1);
        List<Integer> free = LocalPorts.free(2 * size);
        this.ports = free.subList(0, size);
        this.gossipPorts = free.subList(size, 2 * size);
        this.extraYaml = extraYaml;
        try {
            Path dir = Files.createTempDirectory("diseq-" + chainId);
            for (int i = 0; i < size; i++) {
                databases.add(pg.newDatabase());
                Path file = dir.resolve("v" + i + ".yml");
                Files.writeString(file, yaml(i, ports, extraYaml), StandardCharsets.UTF_8);
                configs.add(file);
                apps.add(null);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String chainId() {
        return chainId;
    }

    public int size() {
        return size;
    }

    public void startAll() {
        for (int i = 0; i < size; i++) {
            start(i);
        }
    }

    public void start(int i) {
        if (apps.get(i) != null) {
            throw new IllegalStateException("validator " + i + " is running");
        }
        DropwizardTestSupport<NodeConfiguration> app = new DropwizardTestSupport<>(NodeApplication.class,
                configs.get(i).toString());
        try {
            app.before();
        } catch (Exception e) {
            throw new IllegalStateException("validator " + i + " did not start", e);
        }
        apps.set(i, app);
    }

    public void stop(int i) {
        DropwizardTestSupport<NodeConfiguration> app = apps.get(i);
        if (app != null) {
            app.after();
            apps.set(i, null);
        }
    }

    /** Gives a STOPPED validator a new, empty database (as if it were a new machine with the same keys). */
    public void wipe(int i) {
        if (running(i)) {
            throw new IllegalStateException("validator " + i + " is running");
        }
        databases.set(i, pg.newDatabase());
        jdbis.remove(i);
        try {
            Files.writeString(configs.get(i), yaml(i, ports, extraYaml), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public boolean running(int i) {
        return apps.get(i) != null;
    }

    /** The consensus module of a running validator. */
    public ConsensusModule consensus(int i) {
        return ((NodeApplication) apps.get(i).getApplication()).consensus();
    }

    /** The public HTTP port (REST API) validator {@code i} is configured with, whether or not it runs. */
    public int port(int i) {
        return ports.get(i);
    }

    /** The gossip server port of validator {@code i} (its gossip URL and block sync), whether or not it runs. */
    public int gossipPort(int i) {
        return gossipPorts.get(i);
    }

    public com.codahale.metrics.health.HealthCheckRegistry healthChecks(int i) {
        return apps.get(i).getEnvironment().healthChecks();
    }

    public com.codahale.metrics.MetricRegistry metrics(int i) {
        return apps.get(i).getEnvironment().metrics();
    }

    public NodeConfiguration configuration(int i) {
        return apps.get(i).getConfiguration();
    }

    public ChainConfig chain() {
        return configuration(firstRunning()).chainConfig();
    }

    /** The validator's database, readable whether or not the node runs. */
    public Jdbi jdbi(int i) {
        return jdbis.computeIfAbsent(i, k -> NodeDatabase.open(pg.jdbi(databases.get(k))));
    }

    public BlockStore store(int i) {
        return new BlockStore(jdbi(i), nodes -> { });
    }

    public PostgresNodeStore trieNodes(int i) {
        return new PostgresNodeStore(jdbi(i), 1000);
    }

    @Override
    public void close() {
        for (int i = 0; i < size; i++) {
            stop(i);
        }
    }

    private int firstRunning() {
        for (int i = 0; i < size; i++) {
            if (running(i)) {
                return i;
            }
        }
        throw new IllegalStateException("no validator runs");
    }

    private String yaml(int self, List<Integer> ports, String extra) {
        StringBuilder y = new StringBuilder();
        y.append("chainId: ").append(chainId).append('\n');
        y.append("genesisTimeMs: 1767225600000\n");
        y.append("validators:\n");
        for (int i = 0; i < size; i++) {
            var keys = TestKeys.validator(i);
            y.append("  - id: v").append(i).append('\n')
                    .append("    signingPublicKey: ").append(hex(keys.signing().publicKey())).append('\n')
                    .append("    vrfPublicKey: ").append(hex(keys.vrfPublicKey())).append('\n')
                    .append("    gossipUrl: http://127.0.0.1:").append(gossipPorts.get(i)).append("/internal/gossip\n");
        }
        y.append("keyFile: ").append(ResourceHelpers.resourceFilePath("keys/v" + self + ".key")).append('\n');
        y.append("kafka:\n  bootstrapServers: ").append(kafka.bootstrapServers()).append('\n');
        y.append("  requestTimeoutMs: 10000\n  pollTimeoutMs: 50\n");
        y.append("database:\n  driverClass: org.postgresql.Driver\n  url: ").append(pg.jdbcUrl(databases.get(self)))
                .append("\n  user: postgres\n  properties:\n    reWriteBatchedInserts: true\n");
        y.append("server:\n").append(serverYaml).append("  applicationConnectors:\n    - type: http\n      port: ").append(ports.get(self))
                .append("\n      bindHost: 127.0.0.1\n  requestLog:\n    type: classic\n    appenders: []\n  adminConnectors:\n    - type: http\n      port: 0\n");
        y.append("gossipServer:\n  bindHost: 127.0.0.1\n  port: ").append(gossipPorts.get(self)).append('\n');
        // external: logback-test.xml stays in charge; a Dropwizard logging config would be reset to
        // INFO for the whole test JVM when the first validator stops, flooding the CI log
        y.append("logging:\n  type: external\n");
        y.append(extra.replace("{self}", "v" + self));
        return y.toString();
    }

    private static String hex(byte[] b) {
        return io.diseq.core.util.Hex.encode(b);
    }

    /** Convenience for a validator's current status line in assertion messages. */
    public String describe() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < size; i++) {
            if (running(i)) {
                var s = consensus(i).status();
                b.append("{v=").append(i).append(" h=").append(s.height()).append(" r=").append(s.round())
                        .append(' ').append(s.step()).append(s.waiting() ? " waiting" : "")
                        .append(s.catchingUp() ? " syncing" : "").append(' ')
                        .append(consensus(i).driver().progress()).append(" window=")
                        .append(metrics(i).getGauges().get("input.window.records").getValue()).append("} ");
            } else {
                b.append("{v=").append(i).append(" stopped} ");
            }
        }
        return b.toString();
    }
}
