package io.diseq.harness;

import io.diseq.harness.Results.SequencerStep;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ops/harness.sh}: the end-to-end load harness (docs/benchmarks.md §End-to-end harness).
 * Starts a fresh system ({@link Cluster}: every validator in its own JVM), runs the raw-Kafka
 * baseline at every rate, then the sequencer at every rate (ascending; after a step that does not
 * drain, higher rates are skipped), then the receipt, catch-up, backlog and ingest-alone probes, and
 * writes the report ({@link ReportWriter}).
 */
@Command(name = "harness", mixinStandardHelpOptions = true,
        description = "End-to-end load harness: Kafka, PostgreSQL, ingest and N validators (one JVM each), "
                + "an open-loop producer process, and a raw-Kafka baseline in the same run.")
public final class Harness implements Callable<Integer> {
    static final String MARKER = ".diseq-harness";
    private static final DateTimeFormatter NAME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HHmm'Z'")
            .withZone(ZoneOffset.UTC);

    @Option(names = "--validators", defaultValue = "4", description = "validators, each its own JVM (default ${DEFAULT-VALUE})")
    int validators;

    @Option(names = "--rates", split = ",", description = "offered rates in msg/s, e.g. 1000,5000,15000")
    List<Double> rates;

    @Option(names = "--ramp", description = "FROM:TO:STEP msg/s instead of --rates, e.g. 1000:15000:2000")
    String ramp;

    @Option(names = "--duration", defaultValue = "60s", description = "length of each step: 90s, 2m, 500ms (default ${DEFAULT-VALUE})")
    String duration;

    @Option(names = "--warm-up", defaultValue = "30s", description = "unmeasured sequencer step at the first rate (default ${DEFAULT-VALUE})")
    String warmUp;

    @Option(names = "--size", defaultValue = "100", description = "message bytes (default ${DEFAULT-VALUE})")
    int size;

    @Option(names = "--partitions", defaultValue = "4", description = "partitions of the message topics (default ${DEFAULT-VALUE})")
    int partitions;

    @Option(names = "--base-port", defaultValue = "21000",
            description = "Kafka port; the controller, PostgreSQL (+2), ingest (+10) and validators follow (default ${DEFAULT-VALUE})")
    int basePort;

    @Option(names = "--work-dir", defaultValue = "harness-data", description = "data and logs; wiped at start (default ${DEFAULT-VALUE})")
    Path workDir;

    @Option(names = "--out", defaultValue = "docs/bench", description = "report directory (default ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--name", description = "report file name without extension (default harness-<UTC time>)")
    String name;

    @Option(names = "--validator-heap-mb", defaultValue = "768", description = "-Xmx of each validator (default ${DEFAULT-VALUE})")
    int validatorHeapMb;

    @Option(names = "--receipt-seconds", defaultValue = "20", description = "receipt probe length, 0 skips it (default ${DEFAULT-VALUE})")
    long receiptSeconds;

    @Option(names = "--receipt-threads", defaultValue = "8", description = "receipt clients (default ${DEFAULT-VALUE})")
    int receiptThreads;

    @Option(names = "--no-catch-up", description = "skip the kill-and-restart catch-up probe")
    boolean noCatchUp;

    @Option(names = "--no-baseline", description = "skip the raw-Kafka baseline")
    boolean noBaseline;

    @Option(names = "--backlog", defaultValue = "0", paramLabel = "<messages>",
            description = "at the end, write this many messages straight into the validated topic and sample the "
                    + "validators' memory while they wait (0 skips it; e.g. 10000000 with --validator-heap-mb 512)")
    long backlog;

    @Option(names = "--backlog-window", defaultValue = "120s",
            description = "how long the backlog probe samples after the last message is written (default ${DEFAULT-VALUE})")
    String backlogWindow;

    @Option(names = "--ingest-rates", split = ",",
            description = "offered rates of the ingest-alone probe at the end (validators frozen; default: --rates)")
    List<Double> ingestRates;

    @Option(names = "--no-ingest-alone", description = "skip the ingest-alone probe")
    boolean noIngestAlone;

    @Option(names = "--drain-timeout", defaultValue = "60s", description = "wait after a step for its backlog (default ${DEFAULT-VALUE})")
    String drainTimeout;

    @Option(names = "--settle-timeout", defaultValue = "10m",
            description = "before receipts and catch-up, wait this long for a saturated step's backlog (default ${DEFAULT-VALUE})")
    String settleTimeout;

    @Option(names = "--node-jvm-option", paramLabel = "<option>",
            description = "an extra JVM option for the validators and ingest, repeatable; {name} becomes the process's "
                    + "name (v0, ingest), e.g. --node-jvm-option=-XX:StartFlightRecording=filename=/tmp/jfr/{name}.jfr")
    List<String> nodeJvmOptions;

    @Option(names = "--postgres-setting", paramLabel = "<name=value>",
            description = "a PostgreSQL server setting, repeatable, e.g. --postgres-setting shared_buffers=256MB; "
                    + "it replaces the harness's default of the same name (shared_buffers=1GB, max_wal_size=4GB)")
    List<String> postgresSettings;

    @Option(names = "--smoke", description = "a run of about a minute that checks that a report comes out: "
            + "one rate (300 msg/s), 5 s steps, no warm-up, 3 s of receipts, a backlog of 20,000 sampled for 3 s, "
            + "ingest alone at 300 msg/s, C1-only JIT (other flags still apply)")
    boolean smoke;

    private final String[] args;

    Harness(String[] args) {
        this.args = args.clone();
    }

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        System.setProperty("logback.statusListenerClass", "ch.qos.logback.core.status.NopStatusListener");
        System.exit(run(args));
    }

    /** Runs the harness; 0 when a complete report was written. */
    static int run(String... args) {
        return new CommandLine(new Harness(args)).setExecutionExceptionHandler((e, command, parsed) -> {
            command.getErr().println("harness: " + e);
            e.printStackTrace(command.getErr());
            return 1;
        }).execute(args);
    }

    @Override
    public Integer call() throws Exception {
        HarnessSettings settings = settings();
        prepare(settings.workDir());
        Path md = new HarnessRun(settings).run();
        System.out.println("harness: report " + md.toAbsolutePath());
        return 0;
    }

    HarnessSettings settings() {
        List<Double> steps = smoke && rates == null && ramp == null ? List.of(300.0) : rates(rates, ramp);
        long stepMs = smoke && !explicit("--duration") ? 5_000 : millis(duration);
        long warmUpMs = smoke && !explicit("--warm-up") ? 0 : millis(warmUp);
        long receipts = smoke && !explicit("--receipt-seconds") ? 3 : receiptSeconds;
        long drainMs = smoke && !explicit("--drain-timeout") ? 30_000 : millis(drainTimeout);
        long backlogMessages = smoke && !explicit("--backlog") ? 20_000 : backlog;
        long backlogWindowMs = smoke && !explicit("--backlog-window") ? 3_000 : millis(backlogWindow);
        List<String> jvm = smoke ? List.of("-XX:TieredStopAtLevel=1") : List.of();
        String reportName = name != null ? name : "harness-" + NAME.format(Instant.now());
        return new HarnessSettings(validators, partitions, steps, stepMs, size, warmUpMs, basePort, workDir, out,
                reportName, validatorHeapMb, receipts, receiptThreads, !noCatchUp, !noBaseline, backlogMessages, backlogWindowMs,
                noIngestAlone ? List.of() : rates(ingestRates == null ? steps : ingestRates, null), drainMs,
                millis(settleTimeout), jvm, nodeJvmOptions == null ? List.of() : nodeJvmOptions,
                postgresSettings(postgresSettings),
                "ops/harness.sh " + String.join(" ", args));
    }

    /**
     * The harness's PostgreSQL settings, as docs/operations-node.md advises for a validator's server (the default
     * 128 MB of shared buffers for four databases cost CPU, docs/benchmarks.md runs 14 and 15), then the given ones:
     * a later setting of the same name wins ({@link PostgresMain#settings}).
     */
    static List<String> postgresSettings(List<String> given) {
        List<String> all = new ArrayList<>(DEFAULT_POSTGRES_SETTINGS);
        if (given != null) {
            all.addAll(given);
        }
        return all;
    }

    static final List<String> DEFAULT_POSTGRES_SETTINGS = List.of("shared_buffers=1GB", "max_wal_size=4GB");

    private boolean explicit(String option) {
        return Stream.of(args).anyMatch(a -> a.equals(option) || a.startsWith(option + "="));
    }

    static List<Double> rates(List<Double> rates, String ramp) {
        if (ramp != null) {
            String[] p = ramp.split(":");
            if (p.length != 3) {
                throw new CommandLine.ParameterException(new CommandLine(Harness.class), "--ramp is FROM:TO:STEP");
            }
            List<Double> r = new ArrayList<>();
            for (double v = Double.parseDouble(p[0]); v <= Double.parseDouble(p[1]) + 1e-9; v += Double.parseDouble(p[2])) {
                r.add(v);
            }
            return r;
        }
        List<Double> r = new ArrayList<>(rates == null ? List.of(1000.0, 5000.0, 15000.0) : rates);
        r.sort(Comparator.naturalOrder());
        return r;
    }

    private static final java.util.regex.Pattern DURATION = java.util.regex.Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h)?");

    /** "60s", "2m", "500ms", "1h" or plain milliseconds. */
    static long millis(String text) {
        java.util.regex.Matcher m = DURATION.matcher(text.trim().toLowerCase(java.util.Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("not a duration: '" + text + "' (a number of ms, s, m or h, e.g. 90s, 1h)");
        }
        double value = Double.parseDouble(m.group(1));
        long unit = switch (m.group(2) == null ? "ms" : m.group(2)) {
            case "s" -> 1_000;
            case "m" -> 60_000;
            case "h" -> 3_600_000;
            default -> 1;
        };
        return (long) (value * unit);
    }

    /** Wipes a previous harness work directory (only one with the marker file) and creates it afresh. */
    static void prepare(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> entries = Files.list(dir)) {
                if (!Files.exists(dir.resolve(MARKER)) && entries.findAny().isPresent()) {
                    throw new IOException("refusing to wipe " + dir + ": not a harness work directory (no " + MARKER + ")");
                }
            }
            try (Stream<Path> walk = Files.walk(dir)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(MARKER), "diseq load harness work directory; wiped by every run\n");
    }

    /** The saturation point: the highest offered rate whose step met the target. */
    static Double saturation(List<SequencerStep> steps) {
        return steps.stream().filter(SequencerStep::withinTarget).map(SequencerStep::offeredRate)
                .max(Comparator.naturalOrder()).orElse(null);
    }

    /** The saturation rate; without one, half of what the first step finalized (at least 50 msg/s). */
    static double catchUpRate(HarnessSettings settings, List<SequencerStep> steps) {
        Double sat = saturation(steps);
        if (sat != null) {
            return sat;
        }
        return steps.isEmpty() ? settings.rates().get(0) : Math.max(50, Math.round(steps.get(0).finalizedRateToDrain() / 2));
    }
}
