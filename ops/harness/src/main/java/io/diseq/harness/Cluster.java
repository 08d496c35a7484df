package io.diseq.harness;

import io.diseq.devnet.DevnetException;
import io.diseq.devnet.GeneratedNetwork;
import io.diseq.devnet.KafkaTopics;
import io.diseq.devnet.Layout;
import io.diseq.devnet.NetworkGenerator;
import io.diseq.devnet.NetworkSpec;
import io.diseq.devnet.PortCheck;
import io.diseq.schemas.Topics;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The system under test, one process per part: PostgreSQL ({@link PostgresMain}: the devnet's embedded
 * server), the Kafka broker ({@link BrokerMain}), ingest and every validator in a JVM of its own,
 * with the configurations of the devnet's {@link NetworkGenerator} ({@link Layout#LOCAL}). Ports
 * derive from one base: Kafka {@code base}, its controller {@code base+1}, PostgreSQL {@code base+2},
 * ingest {@code base+10}, validator i {@code base+10+10(i+1)} (the generator's rule).
 */
final class Cluster implements AutoCloseable {
    static final String CHAIN = "bench";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(300);

    private final HarnessSettings settings;
    private final NetworkSpec spec;
    private final Path logDir;
    private final ChildClasspath classpath;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private final List<AutoCloseable> started = new ArrayList<>();
    private final List<JavaProcess> validators = new ArrayList<>();
    private final List<JavaProcess> validatorPostgres = new ArrayList<>();
    private final boolean faultTopology;
    private GossipProxies proxies;
    private JavaProcess postgres;
    private JavaProcess broker;
    private JavaProcess ingest;

    private Cluster(HarnessSettings settings, ChildClasspath classpath, boolean faultTopology) {
        this.settings = settings;
        this.faultTopology = faultTopology;
        this.spec = new NetworkSpec(CHAIN, settings.validators(), Layout.LOCAL, 1_767_225_600_000L,
                "localhost:" + settings.kafkaPort(), settings.basePort() + 10, settings.postgresPort(),
                settings.partitions());
        this.logDir = settings.workDir().resolve("logs");
        this.classpath = classpath;
    }

    /** Starts everything in order, each part once the previous answers; on failure stops what started. */
    static Cluster start(HarnessSettings settings, ChildClasspath classpath) throws Exception {
        return start(settings, classpath, false);
    }

    /**
     * With {@code faultTopology}, the fault runner's shape (docs/faults.md): validator-to-validator gossip
     * through {@link GossipProxies} (validator i names peer j at {@link #proxyPort}), and one PostgreSQL
     * server per validator ({@code pg-vI} at {@link #validatorPostgresPort}) so that one validator's database
     * can be stopped alone.
     */
    static Cluster start(HarnessSettings settings, ChildClasspath classpath, boolean faultTopology) throws Exception {
        Cluster cluster = new Cluster(settings, classpath, faultTopology);
        try {
            cluster.startAll();
            return cluster;
        } catch (Exception e) {
            cluster.close();
            throw e;
        }
    }

    private void startAll() throws Exception {
        checkPorts();
        GeneratedNetwork network = new NetworkGenerator(spec, new SecureRandom())
                .generate(settings.workDir().resolve("network"));
        if (faultTopology) {
            FaultConfigs.rewrite(network, spec, this::proxyPort, this::validatorPostgresPort);
            for (int i = 0; i < spec.validators(); i++) {
                validatorPostgres.add(jvm("pg-" + spec.validatorId(i), "-Xmx96m", PostgresMain.class.getName(),
                        List.of(settings.workDir().resolve("postgres-" + spec.validatorId(i)).toString(),
                                Integer.toString(validatorPostgresPort(i)), NetworkSpec.DB_USER,
                                NetworkSpec.LOCAL_DB_PASSWORD, spec.databaseName(i))));
            }
            proxies = new GossipProxies(spec.validators(), this::proxyPort, spec::gossipPort).start();
        } else {
            List<String> pgArgs = new ArrayList<>(List.of(settings.workDir().resolve("postgres").toString(),
                    Integer.toString(settings.postgresPort()), NetworkSpec.DB_USER, NetworkSpec.LOCAL_DB_PASSWORD));
            IntStream.range(0, spec.validators()).mapToObj(spec::databaseName).forEach(pgArgs::add);
            List<String> pgOptions = settings.postgresSettings().isEmpty() ? List.of()
                    : List.of("-D" + PostgresMain.SETTINGS + "=" + String.join(",", settings.postgresSettings()));
            postgres = jvm("postgres", "-Xmx128m", PostgresMain.class.getName(), pgArgs, pgOptions);
        }
        broker = jvm("broker", "-Xmx1g", BrokerMain.class.getName(), List.of(
                settings.workDir().resolve("kafka").toString(), Integer.toString(settings.kafkaPort()),
                Integer.toString(settings.kafkaPort() + 1)));
        if (postgres != null) {
            awaitLine(postgres, ChildReport.READY);
        }
        for (JavaProcess pg : validatorPostgres) {
            awaitLine(pg, ChildReport.READY);
        }
        awaitLine(broker, ChildReport.READY);
        ingest = nodeJvm("ingest", "-Xmx512m", "io.diseq.ingest.IngestApplication",
                List.of("server", network.ingestConfig().toString()));
        awaitPing(ingest, spec.ingestAdminPort());
        KafkaTopics.ensure(spec.bootstrap(), topics().blocks().name(), 1);
        KafkaTopics.ensure(spec.bootstrap(), HarnessSettings.BASELINE_TOPIC, settings.partitions());
        for (GeneratedNetwork.ValidatorFiles v : network.validators()) {
            validators.add(nodeJvm(v.id(), "-Xmx" + settings.validatorHeapMb() + "m", "io.diseq.node.NodeApplication",
                    List.of("server", v.config().toString())));
        }
        for (int i = 0; i < validators.size(); i++) {
            awaitPing(validators.get(i), spec.adminPort(i));
        }
    }

    private void checkPorts() throws DevnetException {
        PortCheck check = new PortCheck().require(settings.kafkaPort(), "Kafka")
                .require(settings.kafkaPort() + 1, "Kafka controller").require(settings.postgresPort(), "PostgreSQL")
                .require(spec.ingestHttpPort(), "ingest").require(spec.ingestAdminPort(), "ingest admin");
        for (int i = 0; i < spec.validators(); i++) {
            check.require(spec.httpPort(i), spec.validatorId(i)).require(spec.adminPort(i), spec.validatorId(i) + " admin");
            if (faultTopology) {
                check.require(spec.gossipPort(i), spec.validatorId(i) + " gossip")
                        .require(validatorPostgresPort(i), "pg-" + spec.validatorId(i));
                for (int j = 0; j < spec.validators(); j++) {
                    if (j != i) {
                        check.require(proxyPort(i, j), "proxy " + spec.validatorId(i) + "->" + spec.validatorId(j));
                    }
                }
            }
        }
        if (!check.taken().isEmpty()) {
            throw new DevnetException("ports already in use: " + String.join(", ", check.taken())
                    + "; choose another --base-port");
        }
    }

    private JavaProcess jvm(String name, String heap, String main, List<String> args) {
        return jvm(name, heap, main, args, List.of());
    }

    /** A validator or ingest: also gets the settings' node JVM options, {@code {name}} replaced by its name. */
    private JavaProcess nodeJvm(String name, String heap, String main, List<String> args) {
        return jvm(name, heap, main, args,
                settings.nodeJvmOptions().stream().map(o -> o.replace("{name}", name)).toList());
    }

    /**
     * G1 unless {@code nodeOptions} choose a collector themselves ({@code -XX:+UseSerialGC}, {@code -XX:+UseParallelGC}
     * …): two collectors on one command line stop the JVM.
     */
    private JavaProcess jvm(String name, String heap, String main, List<String> args, List<String> nodeOptions) {
        boolean ownCollector = nodeOptions.stream().anyMatch(o -> o.startsWith("-XX:+Use") && o.endsWith("GC"));
        List<String> options = new ArrayList<>(List.of(heap, "-XX:+ExitOnOutOfMemoryError"));
        if (!ownCollector) {
            options.add("-XX:+UseG1GC");
        }
        options.addAll(settings.extraJvmOptions());
        options.addAll(nodeOptions);
        JavaProcess p = new JavaProcess(name, classpath, options, main, args, logDir).start();
        started.add(p);
        return p;
    }

    JavaProcess launch(String name, String heap, String main, List<String> args) {
        List<String> options = new ArrayList<>(List.of(heap, "-XX:+UseSerialGC"));
        options.addAll(settings.extraJvmOptions());
        return new JavaProcess(name, classpath, options, main, args, logDir).start();
    }

    /** The loopback proxy through which validator {@code from} reaches validator {@code to}: base+100+16·from+to. */
    int proxyPort(int from, int to) {
        return settings.basePort() + 100 + 16 * from + to;
    }

    /** The PostgreSQL server of validator i in the fault topology: base+400+i. */
    int validatorPostgresPort(int i) {
        return settings.basePort() + 400 + i;
    }

    /** The gossip proxies (fault topology only, else null). */
    GossipProxies proxies() {
        return proxies;
    }

    /** Validator i's own PostgreSQL server process (fault topology only). */
    JavaProcess validatorPostgres(int i) {
        return validatorPostgres.get(i);
    }

    NetworkSpec spec() {
        return spec;
    }

    Topics topics() {
        return Topics.forChain(CHAIN);
    }

    JavaProcess broker() {
        return broker;
    }

    JavaProcess postgres() {
        return postgres;
    }

    JavaProcess ingest() {
        return ingest;
    }

    List<JavaProcess> validators() {
        return List.copyOf(validators);
    }

    /** The PostgreSQL server's postmaster pid (its backends are its children). */
    long postgresPid() {
        try {
            return Long.parseLong(Files.readAllLines(settings.workDir().resolve("postgres").resolve("postmaster.pid"))
                    .get(0).trim());
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    URI rest(int validator) {
        return URI.create("http://localhost:" + spec.httpPort(validator));
    }

    URI admin(int validator) {
        return URI.create("http://localhost:" + spec.adminPort(validator));
    }

    /** Validator i's database (on its own server in the fault topology). */
    String jdbcUrl(int validator) {
        return faultTopology ? FaultConfigs.jdbcUrl(spec, validator, validatorPostgresPort(validator))
                : spec.jdbcUrl(validator);
    }

    /** Bytes of validator i's database ({@code pg_database_size}). */
    long databaseBytes(int validator) throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl(validator), NetworkSpec.DB_USER,
                NetworkSpec.LOCAL_DB_PASSWORD);
             PreparedStatement ps = c.prepareStatement("SELECT pg_database_size(current_database())");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Waits until ingest's admin port answers {@code /ping} (after a restart). */
    void awaitIngest() throws Exception {
        awaitPing(ingest, spec.ingestAdminPort());
    }

    /** Waits until validator i's admin port answers {@code /ping} (after a restart). */
    void awaitValidator(int i) throws Exception {
        awaitPing(validators.get(i), spec.adminPort(i));
    }

    /** GET of a URI: the body when the status is 200, null otherwise (also when nothing answers). */
    String get(URI uri) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? r.body() : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private void awaitPing(JavaProcess p, int adminPort) throws Exception {
        URI ping = URI.create("http://localhost:" + adminPort + "/ping");
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (get(ping) == null) {
            if (!p.alive()) {
                throw new IllegalStateException(p.name() + " exited during start-up; see " + p.output());
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(p.name() + " did not answer " + ping + " within " + START_TIMEOUT);
            }
            Thread.sleep(250);
        }
    }

    static void awaitLine(JavaProcess p, String prefix) throws Exception {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (p.lastLine(prefix).isEmpty()) {
            if (!p.alive()) {
                throw new IllegalStateException(p.name() + " exited during start-up; see " + p.output());
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(p.name() + " did not print " + prefix + " within " + START_TIMEOUT);
            }
            Thread.sleep(100);
        }
    }

    /**
     * Stops the validators and ingest (all at once), then the broker and PostgreSQL: the reverse of the
     * start order, with each stage's processes stopping in parallel.
     */
    @Override
    public void close() {
        validators.forEach(JavaProcess::terminate);
        if (ingest != null) {
            ingest.terminate();
        }
        closeAll(validators);
        closeAll(ingest == null ? List.of() : List.of(ingest));
        if (broker != null) {
            broker.terminate();
        }
        if (postgres != null) {
            postgres.terminate();
        }
        validatorPostgres.forEach(JavaProcess::terminate);
        if (proxies != null) {
            proxies.close();
        }
        List<AutoCloseable> reverse = new ArrayList<>(started);
        Collections.reverse(reverse);
        for (AutoCloseable c : reverse) {
            try {
                c.close();
            } catch (Exception e) {
                System.err.println("harness: error while stopping " + c + ": " + e);
            }
        }
        started.clear();
    }

    private static void closeAll(List<JavaProcess> processes) {
        for (JavaProcess p : processes) {
            try {
                p.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
