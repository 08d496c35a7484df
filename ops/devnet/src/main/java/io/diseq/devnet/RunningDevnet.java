package io.diseq.devnet;

import io.diseq.client.ClientConfig;
import io.diseq.client.DiseqClient;
import io.diseq.ingest.IngestApplication;
import io.diseq.ingest.app.IngestConfiguration;
import io.diseq.node.NodeApplication;
import io.diseq.node.config.NodeConfiguration;
import io.diseq.schemas.Topics;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * A whole local network in this JVM (docs/runbooks.md §Start a devnet). {@link #start} checks every
 * port first, then starts Kafka, PostgreSQL, ingest (which creates the message topics), creates the
 * block topic, and starts the validators. {@link #close} stops in the reverse order: validators,
 * ingest, Kafka, PostgreSQL. A data directory that already holds a devnet is resumed.
 */
public final class RunningDevnet implements AutoCloseable {
    private final DevnetSettings settings;
    private final Path dataDir;
    private final List<AutoCloseable> started = new ArrayList<>();
    private final List<ValidatorEndpoints> endpoints = new ArrayList<>();
    private final List<InProcessApp<NodeConfiguration>> validators = new ArrayList<>();
    private BlockTopicWatcher watcher;
    private LoadGenerator load;
    private boolean closed;

    private RunningDevnet(DevnetSettings settings, Path dataDir) {
        this.settings = settings;
        this.dataDir = dataDir;
    }

    /**
     * @param requested the settings for a new data directory; an existing devnet's saved settings win
     * @throws DevnetException if a port is taken or a component fails to start (what started is stopped)
     */
    public static RunningDevnet start(Path dataDir, DevnetSettings requested) throws DevnetException {
        DevnetSettings settings = DevnetSettings.load(dataDir).orElse(requested);
        try {
            PostgresServer.stopOrphan(dataDir.resolve("postgres")); // a crashed devnet's server holds the port
        } catch (java.io.IOException e) {
            throw new DevnetException("cannot stop the PostgreSQL server an earlier run left on " + dataDir + ": "
                    + e.getMessage(), e);
        }
        List<String> taken = settings.ports().taken();
        if (!taken.isEmpty()) {
            throw new DevnetException("ports already in use: " + String.join(", ", taken)
                    + ". Stop whatever holds them, or choose other ports (--kafka-port, --base-port, --postgres-port)"
                    + (DevnetSettings.load(dataDir).isPresent() ? "; the ports of an existing devnet are fixed in "
                    + dataDir.resolve(DevnetSettings.FILE) + " (or start over with --wipe)" : ""));
        }
        RunningDevnet devnet = new RunningDevnet(settings, dataDir);
        try {
            devnet.startAll();
            return devnet;
        } catch (Exception e) {
            devnet.close();
            throw e instanceof DevnetException d ? d : new DevnetException("devnet failed to start: " + e, e);
        }
    }

    private void startAll() throws Exception {
        GeneratedNetwork network = networkFiles();
        KafkaBroker kafka = KafkaBroker.start(dataDir.resolve("kafka"), settings.kafkaPort(),
                settings.kafkaControllerPort());
        started.add(kafka);
        PostgresServer postgres = PostgresServer.start(dataDir.resolve("postgres"), settings.postgresPort());
        started.add(postgres);
        postgres.ensureDatabases(NetworkSpec.DB_USER, NetworkSpec.LOCAL_DB_PASSWORD,
                IntStream.range(0, settings.validators()).mapToObj(settings.spec()::databaseName).toList());
        startApplications(network, Files.createDirectories(dataDir.resolve("logs")).resolve("devnet.log"));
    }

    /**
     * Starts ingest (which creates the message topics), creates the block topic (one partition), then
     * the validators, against whatever Kafka and PostgreSQL the network's configs name.
     */
    private void startApplications(GeneratedNetwork network, Path logFile) throws Exception {
        NetworkSpec spec = network.spec();
        Topics topics = Topics.forChain(spec.chainId());
        InProcessApp<IngestConfiguration> ingest = new InProcessApp<>("ingest", IngestApplication.class,
                network.ingestConfig(), logFile);
        ingest.start();
        started.add(ingest);
        KafkaTopics.ensure(spec.bootstrap(), topics.blocks().name(), 1);
        for (GeneratedNetwork.ValidatorFiles v : network.validators()) {
            InProcessApp<NodeConfiguration> node = new InProcessApp<>(v.id(), NodeApplication.class, v.config(), logFile);
            node.start();
            started.add(node);
            validators.add(node);
            endpoints.add(new ValidatorEndpoints(v.id(), URI.create("http://localhost:" + spec.httpPort(v.index())),
                    URI.create("http://localhost:" + spec.adminPort(v.index()))));
        }
        watcher = new BlockTopicWatcher(spec.bootstrap(), topics.blocks().name());
    }

    /**
     * Runs the applications of an already generated {@link Layout#LOCAL} network against Kafka and
     * PostgreSQL that someone else runs (the Testcontainers test: brokers and databases in containers).
     * {@link #close} then stops only the applications.
     */
    public static RunningDevnet startApplicationsOnly(GeneratedNetwork network, Path logDir) throws DevnetException {
        NetworkSpec spec = network.spec();
        DevnetSettings settings = new DevnetSettings(spec.chainId(), spec.validators(),
                Integer.parseInt(spec.kafkaBootstrap().substring(spec.kafkaBootstrap().lastIndexOf(':') + 1)),
                spec.basePort(), spec.postgresPort());
        RunningDevnet devnet = new RunningDevnet(settings, network.directory());
        try {
            devnet.startApplications(network, Files.createDirectories(logDir).resolve("devnet.log"));
            return devnet;
        } catch (Exception e) {
            devnet.close();
            throw new DevnetException("applications failed to start: " + e, e);
        }
    }

    /** The generated network of this data directory, generated now if the directory is new. */
    private GeneratedNetwork networkFiles() throws Exception {
        Path out = dataDir.resolve("network");
        Files.createDirectories(dataDir);
        if (DevnetSettings.load(dataDir).isEmpty()) {
            if (Files.exists(out)) {
                throw new DevnetException(out + " exists but " + DevnetSettings.FILE
                        + " does not: not a devnet data directory this program wrote; use another --data-dir");
            }
            GeneratedNetwork generated = new NetworkGenerator(settings.spec(), new SecureRandom()).generate(out);
            settings.save(dataDir);
            return generated;
        }
        return ExistingNetwork.read(settings.spec(), out);
    }

    /** Starts the built-in load generator ({@code --load RATE}). */
    public void startLoad(double ratePerSecond) throws DevnetException {
        try {
            DiseqClient client = DiseqClient.connect(new ClientConfig(settings.kafkaBootstrap(), settings.chainId(),
                    Duration.ofSeconds(30)));
            load = new LoadGenerator(client.publisher(), ratePerSecond);
        } catch (Exception e) {
            throw new DevnetException("cannot start the load generator: " + e.getMessage(), e);
        }
    }

    public DevnetSettings settings() {
        return settings;
    }

    public Path dataDir() {
        return dataDir;
    }

    public List<ValidatorEndpoints> endpoints() {
        return List.copyOf(endpoints);
    }

    /** The current status line. */
    public String status(NodeStatusSource source) {
        List<NodeStatus> nodes = endpoints.stream().map(source::poll).toList();
        long sent = load == null ? 0 : load.sent();
        return StatusLine.format(nodes, watcher.height(), watcher.messagesPerSecond(System.currentTimeMillis()), sent);
    }

    /** Latest height on the block topic (-1 before the first block). */
    public long publishedHeight() {
        return watcher == null ? -1 : watcher.height();
    }

    /** The configuration a validator runs with (for tests and the printed summary). */
    public Optional<NodeConfiguration> validatorConfiguration(int index) {
        return index < validators.size() ? Optional.of(validators.get(index).configuration()) : Optional.empty();
    }

    /** Stops everything started, validators first, then ingest, Kafka and PostgreSQL. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        closeQuietly(load);
        closeQuietly(watcher);
        List<AutoCloseable> reverse = new ArrayList<>(started);
        Collections.reverse(reverse);
        reverse.forEach(RunningDevnet::closeQuietly);
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (Exception e) {
            System.err.println("devnet: error while stopping " + c.getClass().getSimpleName() + ": " + e);
        }
    }
}
