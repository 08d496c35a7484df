package io.diseq.harness;

import io.diseq.harness.FaultSchedule.Kind;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ops/faults.sh}: the fault runner (docs/faults.md). A seeded schedule of faults on real processes
 * (validators, ingest, the broker, a validator's PostgreSQL, the gossip links) while an open-loop load runs,
 * then the audit; exit status 0 when the audit passed, 2 when it found a violation, 1 when the run failed.
 */
@Command(name = "faults", mixinStandardHelpOptions = true,
        description = "Fault runner: a seeded fault schedule on the harness's processes under load, then the "
                + "exactly-once and safety audit; writes docs/bench/faults-<time>.{md,json}.")
public final class Faults implements Callable<Integer> {
    private static final DateTimeFormatter NAME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HHmm'Z'")
            .withZone(ZoneOffset.UTC);

    @Option(names = "--seed", description = "schedule seed (default: random, printed first; a run replays from it)")
    Long seed;

    @Option(names = "--duration", defaultValue = "5m", description = "how long the load runs and faults are applied (default ${DEFAULT-VALUE})")
    String duration;

    @Option(names = "--rate", defaultValue = "300", description = "offered load, msg/s (default ${DEFAULT-VALUE})")
    double rate;

    @Option(names = "--faults", split = ",", description = "fault kinds (default all): ${COMPLETION-CANDIDATES}")
    List<Kind> kinds;

    @Option(names = "--min-delay", defaultValue = "2s", description = "quiet time before a fault, at least (default ${DEFAULT-VALUE})")
    String minDelay;

    @Option(names = "--max-delay", defaultValue = "6s", description = "quiet time before a fault, at most (default ${DEFAULT-VALUE})")
    String maxDelay;

    @Option(names = "--tail", defaultValue = "15s", description = "fault-free time at the end of the load (default ${DEFAULT-VALUE})")
    String tail;

    @Option(names = "--drain-timeout", defaultValue = "120s", description = "wait after the load for the acknowledged messages (default ${DEFAULT-VALUE})")
    String drainTimeout;

    @Option(names = "--receipts", defaultValue = "200", description = "sampled receipts to verify (default ${DEFAULT-VALUE})")
    int receipts;

    @Option(names = "--validators", defaultValue = "4", description = "validators, each its own JVM (default ${DEFAULT-VALUE})")
    int validators;

    @Option(names = "--partitions", defaultValue = "4", description = "partitions of the message topics (default ${DEFAULT-VALUE})")
    int partitions;

    @Option(names = "--size", defaultValue = "100", description = "message bytes (default ${DEFAULT-VALUE})")
    int size;

    @Option(names = "--base-port", defaultValue = "23000",
            description = "Kafka port; PostgreSQL servers at +400.., gossip proxies at +100.., validators from +10 (default ${DEFAULT-VALUE})")
    int basePort;

    @Option(names = "--validator-heap-mb", defaultValue = "512", description = "-Xmx of each validator (default ${DEFAULT-VALUE})")
    int validatorHeapMb;

    @Option(names = "--work-dir", defaultValue = "faults-data", description = "data and logs; wiped at start (default ${DEFAULT-VALUE})")
    Path workDir;

    @Option(names = "--out", defaultValue = "docs/bench", description = "report directory (default ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--name", description = "report file name without extension (default faults-<UTC time>)")
    String name;

    @Option(names = "--smoke", description = "the CI schedule: 70 s of load, KILL_ON_WRITE, PARTITION and HALT, "
            + "1-2 s quiet time, C1-only child JVMs (other flags still apply)")
    boolean smoke;

    private final String[] args;

    Faults(String[] args) {
        this.args = args.clone();
    }

    public static void main(String[] args) {
        System.setProperty("logback.statusListenerClass", "ch.qos.logback.core.status.NopStatusListener");
        System.exit(run(args));
    }

    /** Runs the fault runner; 0 when the audit passed, 2 when it did not, 1 on an error. */
    static int run(String... args) {
        return new CommandLine(new Faults(args)).setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionExceptionHandler((e, command, parsed) -> {
                    command.getErr().println("faults: " + e);
                    e.printStackTrace(command.getErr());
                    return 1;
                }).execute(args);
    }

    @Override
    public Integer call() throws Exception {
        FaultSettings settings = settings();
        Harness.prepare(settings.harness().workDir());
        FaultResults.Report report = new FaultRun(settings).run();
        Path md = FaultReport.write(report, settings.harness().outDir(), settings.harness().reportName());
        FaultReport.print(report, System.out);
        System.out.println("faults: report " + md.toAbsolutePath());
        return report.audit().passed() ? 0 : 2;
    }

    FaultSettings settings() {
        long s = seed != null ? seed : new SecureRandom().nextLong() & Long.MAX_VALUE;
        List<Kind> chosen = kinds != null ? kinds
                : smoke ? List.of(Kind.KILL_ON_WRITE, Kind.PARTITION, Kind.HALT) : List.of(Kind.values());
        long durationMs = smoke && !explicit("--duration") ? 70_000 : Harness.millis(duration);
        long minDelayMs = smoke && !explicit("--min-delay") ? 1_000 : Harness.millis(minDelay);
        long maxDelayMs = smoke && !explicit("--max-delay") ? 2_000 : Harness.millis(maxDelay);
        long tailMs = smoke && !explicit("--tail") ? 3_000 : Harness.millis(tail);
        int receiptCount = smoke && !explicit("--receipts") ? 40 : receipts;
        List<String> jvm = smoke ? List.of("-XX:TieredStopAtLevel=1") : List.of();
        String reportName = name != null ? name : "faults-" + NAME.format(Instant.now());
        HarnessSettings harness = new HarnessSettings(validators, partitions, List.of(rate), durationMs, size, 0, basePort,
                workDir, out, reportName, validatorHeapMb, 0, 1, false, false, 0, 0, List.of(), Harness.millis(drainTimeout),
                Harness.millis(drainTimeout), jvm, List.of(), List.of(), "ops/faults.sh " + String.join(" ", args));
        String replay = "ops/faults.sh " + String.join(" ", Stream.concat(Stream.of("--seed", Long.toString(s)),
                stripSeed(args)).toList());
        return new FaultSettings(harness, s, rate, durationMs, chosen, minDelayMs, maxDelayMs, tailMs,
                Harness.millis(drainTimeout), receiptCount, harness.commandLine(), replay);
    }

    private static Stream<String> stripSeed(String[] args) {
        Stream.Builder<String> b = Stream.builder();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--seed")) {
                i++;
            } else if (!args[i].startsWith("--seed=")) {
                b.add(args[i]);
            }
        }
        return b.build();
    }

    private boolean explicit(String option) {
        return Stream.of(args).anyMatch(a -> a.equals(option) || a.startsWith(option + "="));
    }
}
