package io.diseq.harness;

import com.fasterxml.jackson.databind.SerializationFeature;
import io.diseq.harness.Results.BaselineStep;
import io.diseq.harness.Results.ProcessUsage;
import io.diseq.harness.Results.Run;
import io.diseq.harness.Results.SequencerStep;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Writes a run as {@code <name>.json} (every figure), {@code <name>.md} (the tables, each sequencer
 * figure beside the raw-Kafka figure of the same offered rate and their ratio) and {@code <name>.png}
 * ({@link LatencyPlot}).
 */
final class ReportWriter {
    private ReportWriter() {
    }

    /** @return the markdown file */
    static Path write(Run run, Path dir, String name) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(name + ".json"), ChildReport.JSON.copy().enable(SerializationFeature.INDENT_OUTPUT)
                .writeValueAsString(run) + "\n", StandardCharsets.UTF_8);
        LatencyPlot.write(run, dir.resolve(name + ".png"));
        Path md = dir.resolve(name + ".md");
        Files.writeString(md, markdown(run, name), StandardCharsets.UTF_8);
        return md;
    }

    static String markdown(Run run, String name) {
        StringBuilder b = new StringBuilder();
        b.append("# Harness run ").append(run.startedAt()).append("\n\n");
        b.append("Command: `").append(run.command()).append("`\n\n");
        b.append("Machine: ").append(run.machine().cpus()).append(" CPUs (").append(run.machine().cpuModel())
                .append("), ").append(run.machine().memoryMb()).append(" MB, ").append(run.machine().java())
                .append("; load average at start ").append(run.machine().loadAverageStart()).append(", at end ")
                .append(run.machine().loadAverageEnd()).append(". ").append(run.machine().note()).append("\n\n");
        b.append(run.validators()).append(" validators (one JVM each), ").append(run.messageBytes())
                .append("-byte messages, ").append(run.partitions()).append(" partitions, ")
                .append(run.stepDurationMs() / 1000).append(" s per step. Files: `").append(name).append(".json`, `")
                .append(name).append(".png`.\n\n");
        throughput(b, run);
        blocks(b, run);
        cpu(b, run);
        memory(b, run);
        extras(b, run);
        return b.toString();
    }

    private static void throughput(StringBuilder b, Run run) {
        b.append("## Throughput and produce → finalized latency (raw Kafka in brackets, ratio sequencer / Kafka)\n\n");
        b.append("| offered msg/s | sent msg/s | finalized msg/s while offered | finalized msg/s to drain | p50 ms "
                + "| p99 ms | p99.9 ms | backlog growth msg/s | drained after | within target |\n"
                + "|---|---|---|---|---|---|---|---|---|---|\n");
        for (SequencerStep s : run.sequencer()) {
            Optional<BaselineStep> k = baseline(run, s.offeredRate());
            b.append("| ").append(n(s.offeredRate())).append(" | ").append(n(s.sentRate()))
                    .append(" | ").append(beside(s.finalizedRate(), k.map(BaselineStep::deliveredRate)))
                    .append(" | ").append(n(s.finalizedRateToDrain()))
                    .append(" | ").append(beside(s.latency().p50(), k.map(x -> x.latency().p50())))
                    .append(" | ").append(beside(s.latency().p99(), k.map(x -> x.latency().p99())))
                    .append(" | ").append(beside(s.latency().p999(), k.map(x -> x.latency().p999())))
                    .append(" | ").append(n(s.backlogSlope()))
                    .append(" | ").append(s.drained() ? n(s.drainMs() / 1000.0) + " s" : "not drained in " + n(s.drainMs() / 1000.0) + " s")
                    .append(" | ").append(s.withinTarget() ? "yes" : "**no**").append(" |\n");
        }
        b.append("\nFinalized while offered: messages of the blocks whose records arrived while the producer sent, "
                + "per second; to drain: every message of the step over the time from its first send to the last "
                + "block. Latency: send time at the producer to the block record's arrival at a consumer.");
        for (SequencerStep w : run.warmUp()) {
            b.append(" Before these steps, an unmeasured warm-up at ").append(n(w.offeredRate())).append(" msg/s: p50 ")
                    .append(n(w.latency().p50())).append(" ms, p99 ").append(n(w.latency().p99())).append(" ms.");
        }
        b.append("\n\nSaturation point (highest offered rate with p99 ≤ 2 s, no growing backlog, drained): **")
                .append(run.saturationRate() == null ? "none of the offered rates" : n(run.saturationRate()) + " msg/s")
                .append("**.\n\n");
    }

    private static void blocks(StringBuilder b, Run run) {
        b.append("## Blocks (records that arrived from a step's first send until its backlog drained)\n\n")
                .append("| offered msg/s | blocks | blocks/s | messages per block: mean | median | 90th percentile | largest "
                        + "| empty blocks |\n|---|---|---|---|---|---|---|---|\n");
        for (SequencerStep s : run.sequencer()) {
            Results.Blocks k = s.blocks();
            b.append("| ").append(n(s.offeredRate())).append(" | ").append(k.count()).append(" | ").append(n(k.perSecond()))
                    .append(" | ").append(n(k.meanMessages())).append(" | ").append(k.p50Messages()).append(" | ")
                    .append(k.p90Messages()).append(" | ").append(k.maxMessages()).append(" | ").append(k.empty())
                    .append(" |\n");
        }
        b.append("\nA height starts as soon as input is waiting and its proposer takes everything in its window up to "
                + "the block limit, so a block holds what arrived while the previous height was decided: small when "
                + "the load is light, up to the limit when it is heavy.\n\n");
    }

    private static void ingestAlone(StringBuilder b, Run run) {
        b.append("## Ingest alone (validators frozen; raw Kafka in brackets, ratio ingest / Kafka)\n\n")
                .append("| offered msg/s | sent msg/s | validated msg/s | delivered / sent | p50 ms | p99 ms | p99.9 ms "
                        + "| ingest CPU µs/msg | broker CPU µs/msg | producer CPU µs/msg |\n"
                        + "|---|---|---|---|---|---|---|---|---|---|\n");
        for (Results.IngestStep s : run.ingestAlone()) {
            Optional<BaselineStep> k = baseline(run, s.offeredRate());
            b.append("| ").append(n(s.offeredRate())).append(" | ").append(n(s.sentRate())).append(" | ")
                    .append(beside(s.deliveredRate(), k.map(BaselineStep::deliveredRate))).append(" | ")
                    .append(s.delivered()).append(" / ").append(s.sent()).append(" | ")
                    .append(beside(s.latency().p50(), k.map(x -> x.latency().p50()))).append(" | ")
                    .append(beside(s.latency().p99(), k.map(x -> x.latency().p99()))).append(" | ")
                    .append(beside(s.latency().p999(), k.map(x -> x.latency().p999()))).append(" | ")
                    .append(n(s.ingestCpuMicrosPerMessage())).append(" | ").append(n(s.brokerCpuMicrosPerMessage()))
                    .append(" | ").append(n(s.producerCpuMicrosPerMessage())).append(" |\n");
        }
        b.append("\nThe producer sends into the raw topic; one plain consumer reads the validated topic (read_committed), "
                + "so the latency includes ingest's transaction commit interval. CPU per validated message.\n\n");
    }

    private static void cpu(StringBuilder b, Run run) {
        b.append("## CPU µs per finalized message, per process (raw Kafka: per consumed message of one consumer)\n\n");
        List<String> names = run.sequencer().isEmpty() ? List.of()
                : run.sequencer().get(0).processes().stream().map(ProcessUsage::process).toList();
        b.append("| offered msg/s |");
        names.forEach(p -> b.append(' ').append(p).append(" |"));
        b.append(" producer | Kafka consumer | Kafka broker (baseline) | validator / Kafka consumer |\n|---|");
        names.forEach(p -> b.append("---|"));
        b.append("---|---|---|---|\n");
        for (SequencerStep s : run.sequencer()) {
            Optional<BaselineStep> k = baseline(run, s.offeredRate());
            b.append("| ").append(n(s.offeredRate())).append(" |");
            s.processes().forEach(p -> b.append(' ').append(n(p.cpuMicrosPerMessage())).append(" |"));
            double v0 = s.processes().isEmpty() ? 0 : s.processes().get(0).cpuMicrosPerMessage();
            b.append(' ').append(n(s.producerCpuMicrosPerMessage())).append(" | ")
                    .append(k.map(x -> n(x.consumerCpuMicrosPerMessage())).orElse("–")).append(" | ")
                    .append(k.map(x -> n(x.brokerCpuMicrosPerMessage())).orElse("–")).append(" | ")
                    .append(k.map(x -> ratio(v0, x.consumerCpuMicrosPerMessage())).orElse("–")).append(" |\n");
        }
        b.append('\n');
    }

    private static void memory(StringBuilder b, Run run) {
        b.append("## Peak RSS / heap used, MB, per process\n\n| offered msg/s |");
        List<String> names = run.sequencer().isEmpty() ? List.of()
                : run.sequencer().get(0).processes().stream().map(ProcessUsage::process).toList();
        names.forEach(p -> b.append(' ').append(p).append(" |"));
        b.append(" Kafka consumer RSS |\n|---|");
        names.forEach(p -> b.append("---|"));
        b.append("---|\n");
        for (SequencerStep s : run.sequencer()) {
            b.append("| ").append(n(s.offeredRate())).append(" |");
            s.processes().forEach(p -> b.append(' ').append(n(p.rssMaxMb()))
                    .append(p.heapMaxMb() == null ? "" : " / " + n(p.heapMaxMb())).append(" |"));
            b.append(' ').append(baseline(run, s.offeredRate()).map(x -> n(x.consumerRssMaxMb())).orElse("–"))
                    .append(" |\n");
        }
        b.append('\n');
    }

    private static void extras(StringBuilder b, Run run) {
        if (run.storage() != null) {
            b.append("## Storage\n\nPostgreSQL growth per validator database: ").append(run.storage()
                    .bytesGrowthByValidator()).append(" bytes for ").append(run.storage().finalizedMessages())
                    .append(" finalized messages: **").append(n(run.storage().bytesPerMessage()))
                    .append(" bytes per message per validator** (the message itself is ").append(run.messageBytes())
                    .append(" bytes; the Kafka baseline stores it once in the broker's log).\n\n");
        }
        if (run.receipts() != null) {
            Results.Receipts r = run.receipts();
            b.append("## Receipts\n\n").append(r.threads()).append(" clients against ").append(r.validator())
                    .append(" for ").append(n(r.seconds())).append(" s, random ids from a sample of ")
                    .append(r.distinctIds()).append(": **").append(n(r.perSecond())).append(" receipts/s**, p50 ")
                    .append(n(r.latency().p50())).append(" ms, **p99 ").append(n(r.latency().p99()))
                    .append(" ms**, p99.9 ").append(n(r.latency().p999())).append(" ms; ").append(r.ok())
                    .append(" ok, ").append(r.notFound()).append(" not found, ").append(r.errors())
                    .append(" errors. (No raw-Kafka counterpart: Kafka has no receipt.)\n\n");
        }
        if (run.catchUp() != null) {
            Results.CatchUp c = run.catchUp();
            b.append("## Catch-up\n\n").append(c.validator()).append(" killed (`kill -9`) at height ")
                    .append(c.heightAtKill()).append(", down ").append(n(c.downMs() / 1000.0)).append(" s while the others ")
                    .append("finalized ").append(c.missedMessages()).append(" messages up to height ").append(c.chainHeight())
                    .append(" at ").append(n(c.offeredRate())).append(" msg/s offered (live finalized rate ")
                    .append(n(c.liveRate())).append(" msg/s). Restarted: admin port up after ")
                    .append(n(c.restartToReadyMs() / 1000.0)).append(" s, ").append(c.caughtUp() ? "caught up" : "**not caught up**")
                    .append(" ").append(n(c.readyToCaughtUpMs() / 1000.0)).append(" s later: **")
                    .append(n(c.catchUpRate())).append(" msg/s, ").append(n(c.ratioToLive()))
                    .append("× the live rate**.\n\n");
        }
        if (run.backlog() != null) {
            backlog(b, run.backlog());
        }
        if (!run.ingestAlone().isEmpty()) {
            ingestAlone(b, run);
        }
        b.append("Logs of every process: ").append(run.logs()).append("\n");
    }

    private static void backlog(StringBuilder b, Results.Backlog k) {
        b.append("## Backlog\n\n").append(String.format(Locale.ROOT, "%,d", k.produced()))
                .append(" messages written straight into the validated topic in ").append(n(k.produceMs() / 1000.0))
                .append(" s; then sampled for ").append(n(k.windowMs() / 1000.0)).append(" s with ")
                .append(String.format(Locale.ROOT, "%,d", k.waitingAtWindowStart())).append(" → ")
                .append(String.format(Locale.ROOT, "%,d", k.waitingAtWindowEnd()))
                .append(" of them waiting. The chain finalized **").append(n(k.finalizedRate()))
                .append(" msg/s** meanwhile (full input windows, no producer running). Validators at -Xmx")
                .append(k.heapLimitMb()).append("m; ")
                .append(k.exited().isEmpty() ? "all stayed up" : "**exited: " + k.exited() + "**").append(".\n\n")
                .append("| process | peak heap used MB | old generation after GC, peak MB | peak RSS MB | CPU s |\n")
                .append("|---|---|---|---|---|\n");
        for (Results.ProcessUsage p : k.processes()) {
            b.append("| ").append(p.process()).append(" | ").append(p.heapMaxMb() == null ? "–" : n(p.heapMaxMb()))
                    .append(" | ").append(p.liveHeapMaxMb() == null ? "–" : n(p.liveHeapMaxMb())).append(" | ")
                    .append(n(p.rssMaxMb())).append(" | ").append(n(p.cpuSeconds())).append(" |\n");
        }
        b.append('\n');
    }

    private static Optional<BaselineStep> baseline(Run run, double rate) {
        return run.baseline().stream().filter(k -> k.offeredRate() == rate).findFirst();
    }

    private static String beside(double value, Optional<Double> kafka) {
        return kafka.map(k -> n(value) + " (" + n(k) + ", " + ratio(value, k) + ")").orElse(n(value));
    }

    private static String ratio(double a, double b) {
        return b == 0 ? "–" : String.format(Locale.ROOT, "%.2f×", a / b);
    }

    static String n(double v) {
        if (Math.abs(v) >= 100) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        return String.format(Locale.ROOT, Math.abs(v) >= 10 ? "%.1f" : "%.2f", v);
    }
}
