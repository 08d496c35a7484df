package io.diseq.harness;

import com.fasterxml.jackson.databind.JsonNode;
import io.diseq.harness.FaultSchedule.Fault;
import io.diseq.harness.FaultSchedule.Kind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One fault run (docs/faults.md): starts the fault topology ({@link Cluster} with gossip proxies and one
 * PostgreSQL per validator), runs one open-loop producer for the whole run, applies the seeded
 * {@link FaultSchedule} one fault at a time (quiet time, fault, hold, recovery, then wait until every
 * validator is back at the tip), lets the load drain, audits ({@link FaultAudit}) and writes the report.
 * Times are measured from the harness's clock around each action.
 */
final class FaultRun {
    private static final long RECOVERY_DEADLINE_MS = 120_000;
    private static final long POLL_MS = 100;

    private final FaultSettings settings;
    private Cluster cluster;
    private BlockLog blocks;
    private final long runStart = System.currentTimeMillis();

    FaultRun(FaultSettings settings) {
        this.settings = settings;
    }

    /** Runs and reports; the report's audit says whether the run passed. */
    FaultResults.Report run() throws Exception {
        String startedAt = Instant.now().toString();
        log("seed " + settings.seed() + " (replay: " + settings.replayCommand() + ")");
        log("starting Kafka, ingest, " + settings.harness().validators() + " validators, their PostgreSQL servers "
                + "and the gossip proxies in " + settings.harness().workDir().toAbsolutePath());
        long startupBegin = System.currentTimeMillis();
        try (Cluster c = Cluster.start(settings.harness(), ChildClasspath.fromSystemProperties(), true);
             BlockLog log = new BlockLog(settings.harness().bootstrap(), c.topics().blocks().name())) {
            cluster = c;
            blocks = log;
            // kill <runner pid> (ending a soak early) stops every child process too
            Thread stopChildren = new Thread(c::close, "faults-shutdown");
            Runtime.getRuntime().addShutdownHook(stopChildren);
            try {
                return measure(startedAt, startupBegin);
            } finally {
                Runtime.getRuntime().removeShutdownHook(stopChildren);
            }
        }
    }

    private FaultResults.Report measure(String startedAt, long startupBegin) throws Exception {
        long startupMs = System.currentTimeMillis() - startupBegin;
        String tag = "f" + settings.seed();
        Path failedFile = settings.harness().workDir().resolve("producer-failed.txt");
        long loadMs = settings.durationMs();
        log("load " + settings.rate() + " msg/s for " + loadMs / 1000 + " s; faults from " + settings.kinds());
        JavaProcess producer = cluster.launch("producer", "-Xmx256m", LoadProducer.class.getName(), List.of(
                settings.harness().bootstrap(), cluster.topics().rawMessages().name(), Double.toString(settings.rate()),
                Long.toString(loadMs), Integer.toString(settings.harness().messageBytes()), tag,
                failedFile.toString()));
        List<FaultResults.FaultOutcome> outcomes = new ArrayList<>();
        awaitFirstBlock();
        long loadStart = System.currentTimeMillis();
        FaultSchedule schedule = new FaultSchedule(settings.seed(), settings.kinds(), settings.harness().validators(),
                settings.minDelayMs(), settings.maxDelayMs());
        while (true) {
            Fault fault = schedule.next();
            long left = loadStart + loadMs - System.currentTimeMillis();
            if (left < fault.delayMs() + fault.holdMs() + settings.tailMs()) {
                break;
            }
            Thread.sleep(fault.delayMs());
            log("fault " + fault.index() + ": " + fault.describe());
            FaultResults.FaultOutcome outcome;
            try {
                outcome = apply(fault);
            } catch (Exception | AssertionError e) {
                outcome = failed(fault, e);
            }
            log("  " + outcome.summary());
            outcomes.add(outcome);
        }
        if (!producer.awaitExit(java.time.Duration.ofMillis(loadMs + 180_000))) {
            throw new IllegalStateException("the producer did not finish; see " + producer.output());
        }
        JsonNode sent = ChildReport.resultOf(producer);
        List<Long> failed = Files.readAllLines(failedFile).stream().filter(s -> !s.isBlank()).map(Long::parseLong)
                .toList();
        long attempted = sent.path("attempted").asLong();
        log("producer: " + attempted + " sent, " + (attempted - failed.size()) + " acknowledged, " + failed.size()
                + " failed; draining");
        FaultAudit audit = new FaultAudit(cluster, blocks, settings, tag, attempted, failed);
        audit.awaitDrained(settings.drainTimeoutMs());
        log("auditing");
        FaultResults.Audit result = audit.run(outcomes);
        FaultResults.Report report = new FaultResults.Report("diseq.fault-run/1", settings.seed(), startedAt,
                Instant.now().toString(), settings.commandLine(), settings.replayCommand(),
                settings.harness().validators(), settings.rate(), loadMs, startupMs, settings.kinds().stream()
                        .map(Enum::name).toList(), outcomes, FaultResults.Summary.of(outcomes, blocks.height(),
                        attempted - failed.size()), result,
                settings.harness().workDir().resolve("logs").toAbsolutePath().toString());
        return report;
    }

    private void awaitFirstBlock() throws InterruptedException {
        if (blocks.awaitAbove(0, RECOVERY_DEADLINE_MS) < 0) {
            throw new IllegalStateException("no block within " + RECOVERY_DEADLINE_MS + " ms of start-up");
        }
    }

    private FaultResults.FaultOutcome apply(Fault fault) throws Exception {
        FaultResults.FaultOutcome.Builder out = new FaultResults.FaultOutcome.Builder(fault, Instant.now().toString());
        int n = settings.harness().validators();
        List<Integer> targets = fault.targets();
        List<Integer> others = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (!targets.contains(i)) {
                others.add(i);
            }
        }
        if (fault.kind() == Kind.KILL_ON_WRITE) {
            long h = blocks.height();
            if (blocks.awaitAbove(h, 30_000) < 0) {
                out.note("no new block record within 30 s to kill on; killed anyway");
            }
        }
        long h0 = maxStatusHeight(others);
        long published0 = blocks.height();
        long t0 = System.currentTimeMillis();
        out.heightAtFault(Math.max(h0, published0));
        switch (fault.kind()) {
            case KILL, KILL_ON_WRITE -> {
                JavaProcess v = cluster.validators().get(targets.get(0));
                v.kill();
                CompletableFuture<Long> decided = decidedAbove(others, h0, t0);
                Thread.sleep(fault.holdMs());
                out.nextHeight(decided.get(RECOVERY_DEADLINE_MS, TimeUnit.MILLISECONDS),
                        publishedAbove(published0, t0));
                out.restart(restartValidator(targets.get(0)));
            }
            case FREEZE -> {
                int i = targets.get(0);
                JavaProcess v = cluster.validators().get(i);
                v.freeze();
                CompletableFuture<Long> decided = decidedAbove(others, h0, t0);
                Thread.sleep(fault.holdMs());
                long votes = counter(i, "consensus.votes.sent");
                long thawed = System.currentTimeMillis();
                v.thaw();
                out.nextHeight(decided.get(RECOVERY_DEADLINE_MS, TimeUnit.MILLISECONDS),
                        publishedAbove(published0, t0));
                out.restart(new FaultResults.Restart(v.name(), 0, awaitVote(i, votes, thawed), awaitCaughtUp(i, thawed),
                        "thawed (SIGCONT): times from the thaw"));
            }
            case PARTITION -> {
                int i = targets.get(0);
                cluster.proxies().cutOff(i);
                CompletableFuture<Long> decided = decidedAbove(others, h0, t0);
                Thread.sleep(fault.holdMs());
                long healed = System.currentTimeMillis();
                cluster.proxies().heal(i);
                out.nextHeight(decided.get(RECOVERY_DEADLINE_MS, TimeUnit.MILLISECONDS),
                        publishedAbove(published0, t0));
                out.restart(new FaultResults.Restart(cluster.validators().get(i).name(), 0, null,
                        awaitCaughtUp(i, healed), "healed: caught up from the heal"));
            }
            case HALT -> {
                for (int i : targets) {
                    cluster.validators().get(i).kill();
                }
                Thread.sleep(Math.min(2_000, fault.holdMs()));
                long before = maxStatusHeight(others);
                Thread.sleep(Math.max(0, fault.holdMs() - 2_000));
                long after = maxStatusHeight(others);
                out.halt(before, after);
                long restart = System.currentTimeMillis();
                List<CompletableFuture<FaultResults.Restart>> restarts = new ArrayList<>();
                for (int i : targets) {
                    restarts.add(CompletableFuture.supplyAsync(() -> restartValidatorUnchecked(i)));
                }
                CompletableFuture<Long> resumed = decidedAbove(allValidators(), after, restart);
                for (CompletableFuture<FaultResults.Restart> r : restarts) {
                    out.restart(r.get(RECOVERY_DEADLINE_MS * 2, TimeUnit.MILLISECONDS));
                }
                out.resumed(resumed.get(RECOVERY_DEADLINE_MS, TimeUnit.MILLISECONDS));
            }
            case INGEST_KILL -> {
                JavaProcess ingest = cluster.ingest();
                ingest.kill();
                Thread.sleep(fault.holdMs());
                long restart = System.currentTimeMillis();
                ingest.start();
                cluster.awaitIngest();
                out.restart(new FaultResults.Restart("ingest", System.currentTimeMillis() - restart, null, null, null));
                out.nextHeight(null, publishedAbove(published0, t0));
                out.resumed(sinceOrNull(blocks.awaitAbove(blocks.height(), RECOVERY_DEADLINE_MS), restart));
            }
            case BROKER_RESTART -> {
                JavaProcess broker = cluster.broker();
                int ready = readyLines(broker);
                broker.terminate();
                if (!broker.awaitExit(java.time.Duration.ofSeconds(60))) {
                    broker.kill();
                }
                Thread.sleep(fault.holdMs());
                long restart = System.currentTimeMillis();
                broker.start();
                awaitReadyLines(broker, ready + 1);
                out.restart(new FaultResults.Restart("broker", System.currentTimeMillis() - restart, null, null, null));
                out.resumed(sinceOrNull(blocks.awaitAbove(published0, RECOVERY_DEADLINE_MS), restart));
            }
            case POSTGRES_STOP -> {
                int i = targets.get(0);
                JavaProcess pg = cluster.validatorPostgres(i);
                int ready = readyLines(pg);
                pg.terminate();
                if (!pg.awaitExit(java.time.Duration.ofSeconds(60))) {
                    throw new IllegalStateException(pg.name() + " did not stop within 60 s");
                }
                CompletableFuture<Long> decided = decidedAbove(others, h0, t0);
                Thread.sleep(fault.holdMs());
                long restart = System.currentTimeMillis();
                pg.start();
                awaitReadyLines(pg, ready + 1);
                out.restart(new FaultResults.Restart(pg.name(), System.currentTimeMillis() - restart, null, null, null));
                out.nextHeight(decided.get(RECOVERY_DEADLINE_MS, TimeUnit.MILLISECONDS),
                        publishedAbove(published0, t0));
                JavaProcess v = cluster.validators().get(i);
                if (!v.alive()) {
                    out.note(v.name() + " exited while its PostgreSQL was down; restarted");
                    out.restart(restartValidator(i));
                } else if (gauge(i, "consensus.alive") == 0) {
                    out.note(v.name() + "'s consensus driver stopped while its PostgreSQL was down (the process stays "
                            + "up, consensus.alive 0, health check failing); restarted");
                    v.terminate();
                    if (!v.awaitExit(java.time.Duration.ofSeconds(30))) {
                        v.kill();
                    }
                    out.restart(restartValidator(i));
                } else {
                    out.restart(new FaultResults.Restart(v.name(), 0, null, awaitCaughtUp(i, restart),
                            "kept running: caught up from the database's restart"));
                }
            }
            default -> throw new IllegalStateException("unknown fault " + fault.kind());
        }
        long recovered = System.currentTimeMillis();
        restartDead(out);
        out.healthy(awaitHealthy(recovered));
        return out.build();
    }

    /** A fault whose application or recovery threw: recorded (the audit fails it), everything restarted, the run goes on. */
    private FaultResults.FaultOutcome failed(Fault fault, Throwable e) throws Exception {
        FaultResults.FaultOutcome.Builder out = new FaultResults.FaultOutcome.Builder(fault, Instant.now().toString());
        out.note("ERROR: " + e);
        for (int i = 0; i < cluster.validators().size(); i++) {
            cluster.proxies().heal(i);
            if (ProcStats.state(cluster.validators().get(i).pid()) == 'T') {
                cluster.validators().get(i).thaw();
            }
        }
        restartDead(out);
        out.healthy(awaitHealthy(System.currentTimeMillis()));
        return out.build();
    }

    /** A validator or ingest that died without being told to is a finding: noted, and started again. */
    private void restartDead(FaultResults.FaultOutcome.Builder out) throws Exception {
        for (int i = 0; i < cluster.validators().size(); i++) {
            JavaProcess v = cluster.validators().get(i);
            if (!v.alive()) {
                out.note("v" + i + " was not running after the recovery (exited by itself); restarted");
                out.restart(restartValidator(i));
            } else if (gauge(i, "consensus.alive") == 0) {
                out.note("v" + i + "'s consensus driver had stopped (consensus.alive 0); restarted");
                v.terminate();
                if (!v.awaitExit(java.time.Duration.ofSeconds(30))) {
                    v.kill();
                }
                out.restart(restartValidator(i));
            }
        }
        if (!cluster.ingest().alive()) {
            out.note("ingest was not running after the recovery (exited by itself); restarted");
            cluster.ingest().start();
            cluster.awaitIngest();
        }
    }

    private FaultResults.Restart restartValidatorUnchecked(int i) {
        try {
            return restartValidator(i);
        } catch (Exception e) {
            throw new IllegalStateException("restart of v" + i + " failed: " + e, e);
        }
    }

    /** Starts validator i again on its data: time to its admin port, to its first vote, to the chain's height. */
    private FaultResults.Restart restartValidator(int i) throws Exception {
        JavaProcess v = cluster.validators().get(i);
        long start = System.currentTimeMillis();
        v.start();
        cluster.awaitValidator(i);
        long up = System.currentTimeMillis() - start;
        Long vote = awaitVote(i, 0, start);
        Long caughtUp = awaitCaughtUp(i, start);
        return new FaultResults.Restart(v.name(), up, vote, caughtUp, null);
    }

    /** Milliseconds from {@code fromMs} until validator i's {@code consensus.votes.sent} exceeds {@code above}. */
    private Long awaitVote(int i, long above, long fromMs) throws InterruptedException {
        long deadline = System.currentTimeMillis() + RECOVERY_DEADLINE_MS;
        while (System.currentTimeMillis() < deadline) {
            if (counter(i, "consensus.votes.sent") > above) {
                return System.currentTimeMillis() - fromMs;
            }
            Thread.sleep(POLL_MS);
        }
        return null;
    }

    /** Milliseconds from {@code fromMs} until validator i's height reaches the others' height at the time it is called. */
    private Long awaitCaughtUp(int i, long fromMs) throws InterruptedException {
        long target = maxStatusHeight(allValidators());
        long deadline = System.currentTimeMillis() + RECOVERY_DEADLINE_MS;
        while (System.currentTimeMillis() < deadline) {
            if (statusHeight(i) >= target) {
                return System.currentTimeMillis() - fromMs;
            }
            Thread.sleep(POLL_MS);
        }
        return null;
    }

    /** Milliseconds from {@code fromMs} until every validator is within one height of the highest. */
    private Long awaitHealthy(long fromMs) throws InterruptedException {
        long deadline = System.currentTimeMillis() + RECOVERY_DEADLINE_MS;
        while (System.currentTimeMillis() < deadline) {
            long min = Long.MAX_VALUE;
            long max = -1;
            for (int i = 0; i < cluster.validators().size(); i++) {
                long h = statusHeight(i);
                min = Math.min(min, h);
                max = Math.max(max, h);
            }
            if (min >= 0 && max - min <= 1) {
                return System.currentTimeMillis() - fromMs;
            }
            Thread.sleep(POLL_MS);
        }
        return null;
    }

    /** Completes with the ms from {@code fromMs} until one of {@code validators} reports a height above {@code height} (null: none in time). */
    private CompletableFuture<Long> decidedAbove(List<Integer> validators, long height, long fromMs) {
        return CompletableFuture.supplyAsync(() -> {
            long deadline = System.currentTimeMillis() + RECOVERY_DEADLINE_MS;
            try {
                while (System.currentTimeMillis() < deadline) {
                    if (maxStatusHeight(validators) > height) {
                        return System.currentTimeMillis() - fromMs;
                    }
                    Thread.sleep(POLL_MS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        });
    }

    /** Ms from {@code fromMs} to the arrival of the first block record above {@code height}, if it already arrived. */
    private Long publishedAbove(long height, long fromMs) throws InterruptedException {
        return sinceOrNull(blocks.awaitAbove(height, 0), fromMs);
    }

    private static Long sinceOrNull(long atMs, long fromMs) {
        return atMs < 0 ? null : Math.max(0, atMs - fromMs);
    }

    private List<Integer> allValidators() {
        List<Integer> all = new ArrayList<>();
        for (int i = 0; i < cluster.validators().size(); i++) {
            all.add(i);
        }
        return all;
    }

    private long maxStatusHeight(List<Integer> validators) {
        long max = -1;
        for (int i : validators) {
            max = Math.max(max, statusHeight(i));
        }
        return max;
    }

    /** Validator i's {@code /v1/status} height; -1 when it does not answer. */
    long statusHeight(int i) {
        return FaultAudit.statusHeight(cluster, i);
    }

    /** A gauge of validator i's admin {@code /metrics}; -1 when it does not answer. */
    long gauge(int i, String name) {
        return FaultAudit.gauge(cluster, i, name);
    }

    /** A counter of validator i's admin {@code /metrics}; -1 when it does not answer. */
    long counter(int i, String name) {
        return FaultAudit.counter(cluster, i, name);
    }

    private static int readyLines(JavaProcess p) {
        return (int) p.outputLines().stream().filter(l -> l.startsWith(ChildReport.READY)).count();
    }

    private static void awaitReadyLines(JavaProcess p, int count) throws InterruptedException {
        long deadline = System.currentTimeMillis() + RECOVERY_DEADLINE_MS;
        while (readyLines(p) < count) {
            if (!p.alive() || System.currentTimeMillis() > deadline) {
                throw new IllegalStateException(p.name() + " did not start again; see " + p.output());
            }
            Thread.sleep(POLL_MS);
        }
    }

    private void log(String line) {
        System.out.printf("faults [%6.1f s] %s%n", (System.currentTimeMillis() - runStart) / 1000.0, line);
        System.out.flush();
    }

    static void writeText(Path file, String text) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, text);
    }
}
