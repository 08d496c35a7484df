package io.diseq.harness;

import io.diseq.harness.Results.Backlog;
import io.diseq.harness.Results.BaselineStep;
import io.diseq.harness.Results.CatchUp;
import io.diseq.harness.Results.Machine;
import io.diseq.harness.Results.Receipts;
import io.diseq.harness.Results.Run;
import io.diseq.harness.Results.SequencerStep;
import io.diseq.harness.Results.Storage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One harness run from start-up to report; every process is stopped at the end, also on failure. */
final class HarnessRun {
    private final HarnessSettings settings;

    HarnessRun(HarnessSettings settings) {
        this.settings = settings;
    }

    /** @return the markdown report */
    Path run() throws Exception {
        String startedAt = Instant.now().toString();
        String loadStart = loadAverage();
        log("starting Kafka, PostgreSQL, ingest and " + settings.validators() + " validators (one JVM each) in "
                + settings.workDir().toAbsolutePath());
        try (Cluster cluster = Cluster.start(settings, ChildClasspath.fromSystemProperties());
             FinalityMonitor monitor = new FinalityMonitor(settings.bootstrap(), cluster.topics().messages().name(),
                     cluster.topics().blocks().name(), settings.partitions());
             LoadSteps steps = new LoadSteps(settings, cluster, monitor, new ProcessSampler(cluster))) {
            List<BaselineStep> baseline = new ArrayList<>();
            if (settings.baseline()) {
                for (double rate : settings.rates()) {
                    log("raw Kafka baseline at " + rate + " msg/s");
                    baseline.add(steps.baseline(rate));
                    log("  " + baseline.get(baseline.size() - 1));
                }
            }
            List<SequencerStep> warmUp = new ArrayList<>();
            if (settings.warmUpMs() > 0) {
                log("sequencer warm-up at " + settings.rates().get(0) + " msg/s for " + settings.warmUpMs() / 1000 + " s");
                warmUp.add(steps.sequencer(settings.rates().get(0), settings.warmUpMs()));
            }
            Map<String, Long> dbBefore = databaseSizes(cluster);
            long finalizedBefore = monitor.finalizedMessages();
            List<SequencerStep> sequencer = sequencerSteps(steps);
            Storage storage = storage(cluster, dbBefore, monitor.finalizedMessages() - finalizedBefore);
            settle(steps);
            Receipts receipts = null;
            if (settings.receiptSeconds() > 0) {
                log("receipts against v0 for " + settings.receiptSeconds() + " s");
                receipts = ReceiptProbe.run(cluster.validators().get(0).name(), cluster.rest(0), monitor.finalizedIdSample(),
                        settings.receiptThreads(), settings.receiptSeconds());
                log("  " + receipts);
            }
            CatchUp catchUp = null;
            if (settings.catchUp()) {
                double rate = Harness.catchUpRate(settings, sequencer);
                log("catch-up: kill -9 of the last validator, load at " + rate + " msg/s, restart");
                catchUp = CatchUpProbe.run(cluster, monitor, steps, rate, settings.settleTimeoutMs());
                log("  " + catchUp);
            }
            Backlog backlog = null;
            if (settings.backlogMessages() > 0) {
                log("backlog: " + settings.backlogMessages() + " messages into " + cluster.topics().messages().name()
                        + ", then the validators sampled for " + settings.backlogWindowMs() / 1000 + " s");
                backlog = BacklogProbe.run(cluster, monitor, new ProcessSampler(cluster), settings.backlogMessages(),
                        settings.messageBytes(), settings.backlogWindowMs(), settings.validatorHeapMb());
                log("  " + backlog);
            }
            List<Results.IngestStep> ingestAlone = List.of();
            if (!settings.ingestRates().isEmpty()) {
                log("ingest alone (validators frozen) at " + settings.ingestRates() + " msg/s");
                ingestAlone = IngestProbe.run(cluster, steps, settings);
            }
            Run run = new Run("diseq.harness-run/1", startedAt, Instant.now().toString(), settings.commandLine(),
                    machine(loadStart), settings.validators(), settings.partitions(), settings.messageBytes(),
                    settings.durationMs(), baseline, warmUp, sequencer, Harness.saturation(sequencer), receipts, catchUp,
                    backlog, ingestAlone, storage, Map.of("directory", settings.workDir().resolve("logs").toAbsolutePath().toString()));
            return ReportWriter.write(run, settings.outDir(), settings.reportName());
        }
    }

    private List<SequencerStep> sequencerSteps(LoadSteps steps) throws Exception {
        List<SequencerStep> sequencer = new ArrayList<>();
        for (double rate : settings.rates()) {
            log("sequencer at " + rate + " msg/s");
            SequencerStep step = steps.sequencer(rate);
            sequencer.add(step);
            log("  finalized " + ReportWriter.n(step.finalizedRate()) + " msg/s, p50 " + step.latency().p50()
                    + " ms, p99 " + step.latency().p99() + " ms, backlog growth " + ReportWriter.n(step.backlogSlope())
                    + " msg/s, drained " + step.drained());
            if (!step.drained()) {
                log("  the backlog did not drain: higher rates skipped");
                break;
            }
        }
        return sequencer;
    }

    /** After a step that did not drain, the probes wait (bounded) for the chain to finish its backlog. */
    private void settle(LoadSteps steps) throws InterruptedException {
        long backlog = steps.backlog();
        if (backlog > 0) {
            log("waiting up to " + settings.settleTimeoutMs() / 1000 + " s for a backlog of " + backlog
                    + " messages before the probes");
            log(steps.drain(settings.settleTimeoutMs()) ? "  drained" : "  still " + steps.backlog()
                    + " messages behind: the probes run on a busy chain");
        }
    }

    private static Map<String, Long> databaseSizes(Cluster cluster) throws Exception {
        Map<String, Long> sizes = new LinkedHashMap<>();
        for (int i = 0; i < cluster.validators().size(); i++) {
            sizes.put(cluster.validators().get(i).name(), cluster.databaseBytes(i));
        }
        return sizes;
    }

    private static Storage storage(Cluster cluster, Map<String, Long> before, long finalized) throws Exception {
        Map<String, Long> growth = new LinkedHashMap<>();
        databaseSizes(cluster).forEach((name, size) -> growth.put(name, size - before.get(name)));
        double mean = growth.values().stream().mapToLong(Long::longValue).average().orElse(0);
        return new Storage(growth, finalized, finalized == 0 ? 0 : mean / finalized);
    }

    private static Machine machine(String loadStart) {
        String model = "unknown";
        long memMb = 0;
        try {
            model = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse(model);
            memMb = Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal"))
                    .map(l -> Long.parseLong(l.replaceAll("[^0-9]", "")) / 1024).findFirst().orElse(0L);
        } catch (IOException e) {
            // not Linux: the figures stay unknown
        }
        return new Machine(Runtime.getRuntime().availableProcessors(), model, memMb,
                System.getProperty("java.vm.name") + " " + System.getProperty("java.version"), loadStart, loadAverage(),
                "Every process of the run (broker, PostgreSQL, ingest, validators, producer, consumers, this harness) "
                        + "shares these CPUs; the machine may also be shared with other jobs (see the load average).");
    }

    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    static void log(String line) {
        System.out.println("harness " + Instant.now() + ": " + line);
        System.out.flush();
    }
}
