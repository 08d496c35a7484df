package io.diseq.devnet;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./ops/devnet.sh} ({@code java -jar ops/devnet/target/devnet.jar}): one command that starts a
 * whole local network (docs/runbooks.md §Start a devnet), prints its endpoints and then a status line
 * every few seconds until Ctrl-C, which stops everything in order. {@code devnet generate ...} only
 * writes keys and configurations ({@link GenerateCommand}).
 */
@Command(name = "devnet", mixinStandardHelpOptions = true, subcommands = GenerateCommand.class,
        description = "Start a local Diseq network: Kafka, PostgreSQL, ingest and validators in one process.")
public final class Devnet implements Callable<Integer> {
    @Option(names = "--data-dir", defaultValue = "devnet-data",
            description = "where the chain lives; starting again with the same directory resumes it (default ${DEFAULT-VALUE})")
    Path dataDir;

    @Option(names = "--wipe", description = "delete the data directory's chain first and start a new one")
    boolean wipe;

    @Option(names = "--load", defaultValue = "0", description = "built-in load generator: messages per second (default off)")
    double load;

    @Option(names = "--validators", defaultValue = "4", description = "validators of a new devnet, 4 to 16 (default ${DEFAULT-VALUE})")
    int validators;

    @Option(names = "--chain", defaultValue = "devnet", description = "chain id of a new devnet (default ${DEFAULT-VALUE})")
    String chain;

    @Option(names = "--kafka-port", defaultValue = "9092", description = "Kafka port; the controller takes the next (default ${DEFAULT-VALUE})")
    int kafkaPort;

    @Option(names = "--base-port", defaultValue = "8080",
            description = "ingest takes base and base+1, validator i base+10(i+1) and the next (default ${DEFAULT-VALUE})")
    int basePort;

    @Option(names = "--postgres-port", defaultValue = "5433", description = "PostgreSQL port (default ${DEFAULT-VALUE})")
    int postgresPort;

    @Option(names = "--status-interval-ms", defaultValue = "2000", description = "status line period (default ${DEFAULT-VALUE})")
    long statusIntervalMs;

    public static void main(String[] args) {
        // Dropwizard's request log prints logback's internal status to stdout at every start.
        System.setProperty("logback.statusListenerClass", "ch.qos.logback.core.status.NopStatusListener");
        System.exit(new CommandLine(new Devnet())
                .setExecutionExceptionHandler((e, command, parsed) -> {
                    // A person can act on the message; the stack trace is in the log for developers.
                    command.getErr().println("devnet: " + e.getMessage());
                    return 1;
                })
                .execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (wipe) {
            wipe(dataDir);
        }
        RunningDevnet devnet;
        try {
            devnet = RunningDevnet.start(dataDir, new DevnetSettings(chain, validators, kafkaPort, basePort, postgresPort));
        } catch (DevnetException e) {
            System.err.println("devnet: " + e.getMessage());
            return 2;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("\ndevnet: stopping (validators, ingest, Kafka, PostgreSQL)...");
            devnet.close();
            stopped.countDown();
        }, "devnet-shutdown"));
        printEndpoints(devnet, System.out);
        if (load > 0) {
            devnet.startLoad(load);
        }
        NodeStatusSource source = new HttpNodeStatusSource();
        while (!stopped.await(statusIntervalMs, TimeUnit.MILLISECONDS)) {
            System.out.println(devnet.status(source));
        }
        return 0;
    }

    static void printEndpoints(RunningDevnet devnet, PrintStream out) {
        DevnetSettings s = devnet.settings();
        NetworkSpec spec = s.spec();
        io.diseq.schemas.Topics topics = io.diseq.schemas.Topics.forChain(s.chainId());
        out.println("devnet: chain " + s.chainId() + " with " + s.validators() + " validators, data in "
                + devnet.dataDir().toAbsolutePath());
        out.println("  Kafka bootstrap   " + s.kafkaBootstrap());
        out.println("  topics            " + topics.rawMessages().name() + " (publish here), " + topics.messages().name()
                + ", " + topics.rejected().name() + ", " + topics.blocks().name());
        out.println("  PostgreSQL        localhost:" + s.postgresPort() + " (one database per validator, user "
                + NetworkSpec.DB_USER + ")");
        out.println("  ingest            http://localhost:" + spec.ingestHttpPort() + "  metrics http://localhost:"
                + spec.ingestAdminPort() + "/prometheus");
        for (ValidatorEndpoints v : devnet.endpoints()) {
            out.println("  " + v.id() + "  REST " + v.rest() + "/v1  admin " + v.admin() + " (metrics "
                    + v.metrics() + ", health " + v.admin() + "/healthcheck)");
        }
        out.println("  logs              " + devnet.dataDir().resolve("logs").resolve("devnet.log").toAbsolutePath());
        out.println("  explorer          " + devnet.endpoints().get(0).explorer() + "  (verify against the chain file "
                + devnet.dataDir().resolve("network").resolve(GeneratedNetwork.CHAIN_FILE).toAbsolutePath() + ")");
        out.println("  publish           java -jar sequencer-node/client/target/diseq-client.jar publish --chain "
                + s.chainId() + " --bootstrap-servers " + s.kafkaBootstrap() + " hello");
        out.println("Ctrl-C stops everything; starting again with the same --data-dir resumes the chain.");
    }

    /** Deletes a devnet data directory; refuses a directory that is not empty and not a devnet's. */
    static void wipe(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        boolean devnetDir = Files.exists(dir.resolve(DevnetSettings.FILE));
        try (Stream<Path> entries = Files.list(dir)) {
            if (!devnetDir && entries.findAny().isPresent()) {
                throw new IOException("refusing to wipe " + dir + ": it is not a devnet data directory (no "
                        + DevnetSettings.FILE + ")");
            }
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
