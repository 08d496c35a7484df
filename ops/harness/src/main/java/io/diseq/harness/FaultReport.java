package io.diseq.harness;

import io.diseq.harness.FaultResults.Check;
import io.diseq.harness.FaultResults.FaultOutcome;
import io.diseq.harness.FaultResults.Report;
import io.diseq.harness.FaultResults.Restart;
import io.diseq.harness.FaultResults.Spread;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes a fault run's report: {@code <name>.json} (the figures) and {@code <name>.md} (the same, readable). */
final class FaultReport {
    private FaultReport() {
    }

    /** @return the markdown file */
    static Path write(Report report, Path dir, String name) throws IOException {
        Files.createDirectories(dir);
        ChildReport.JSON.writerWithDefaultPrettyPrinter().writeValue(dir.resolve(name + ".json").toFile(), report);
        Path md = dir.resolve(name + ".md");
        Files.writeString(md, markdown(report, name));
        return md;
    }

    /** The summary and the audit, as the runner prints them at the end. */
    static void print(Report report, PrintStream out) {
        out.println("faults: seed " + report.seed() + ", " + report.faults().size() + " faults, "
                + report.summary().heights() + " heights, " + report.summary().acknowledged() + " acknowledged messages, "
                + report.summary().validatorRestarts() + " validator restarts");
        out.println("faults: next height after a single-validator fault " + spread(report.summary().nextHeightAfterSingleFault()));
        out.println("faults: restarted validator's first vote after its admin port answered "
                + spread(report.summary().firstVoteAfterUp()) + "; after its start " + spread(report.summary().firstVoteAfterStart()));
        for (Check c : report.audit().checks()) {
            out.println("faults: audit " + (c.passed() ? "PASS " : "FAIL ") + c.name() + ": " + c.detail());
        }
        out.println("faults: audit " + (report.audit().passed() ? "PASSED" : "FAILED"));
    }

    static String spread(Spread s) {
        if (s.count() == 0) {
            return "(none)";
        }
        String text = "median " + s.median() + " ms, max " + s.max() + " ms over " + s.count();
        if (s.missing() > 0) {
            text += " (" + s.missing() + " never within the deadline)";
        }
        if (s.targetMs() != Long.MAX_VALUE) {
            text += ", " + s.withinTarget() + " within " + s.targetMs() / 1000 + " s";
        }
        return text;
    }

    private static String markdown(Report r, String name) {
        StringBuilder md = new StringBuilder();
        md.append("# Fault run ").append(name).append("\n\n");
        md.append("`").append(r.command()).append("` (replay: `").append(r.replay()).append("`)\n\n");
        md.append("Seed ").append(r.seed()).append("; ").append(r.startedAt()).append(" to ").append(r.finishedAt())
                .append("; ").append(r.validators()).append(" validators; ").append(r.rate()).append(" msg/s for ")
                .append(r.loadMs() / 1000).append(" s; start-up ").append(r.startupMs() / 1000).append(" s; fault kinds ")
                .append(String.join(", ", r.kinds())).append(". Logs: `").append(r.logs()).append("`.\n\n");
        md.append("## Audit: ").append(r.audit().passed() ? "passed" : "FAILED").append("\n\n");
        md.append("| check | result | detail |\n|---|---|---|\n");
        for (Check c : r.audit().checks()) {
            md.append("| ").append(c.name().replace("|", "/")).append(" | ").append(c.passed() ? "pass" : "**FAIL**")
                    .append(" | ").append(c.detail().replace("|", "/")).append(" |\n");
        }
        md.append("\n## Figures\n\n");
        FaultResults.Summary s = r.summary();
        md.append("| figure | value |\n|---|---|\n");
        md.append("| faults | ").append(r.faults().size()).append(" ").append(s.faults()).append(" |\n");
        md.append("| heights | ").append(s.heights()).append(" |\n");
        md.append("| acknowledged messages | ").append(s.acknowledged()).append(" |\n");
        md.append("| validator restarts | ").append(s.validatorRestarts()).append(" |\n");
        md.append("| single-validator fault → next height (others) | ").append(spread(s.nextHeightAfterSingleFault())).append(" |\n");
        md.append("| restarted validator: start → admin port | ").append(spread(s.validatorUp())).append(" |\n");
        md.append("| restarted validator: start → first vote | ").append(spread(s.firstVoteAfterStart())).append(" |\n");
        md.append("| restarted validator: admin port → first vote | ").append(spread(s.firstVoteAfterUp())).append(" |\n");
        md.append("| f+1 restarted → next height | ").append(spread(s.resumeAfterHalt())).append(" |\n");
        md.append("| recovery → every validator at the tip | ").append(spread(s.healthy())).append(" |\n");
        md.append("\n## Faults\n\n");
        md.append("| # | fault | hold ms | height | next height ms | published ms | halted | resumed ms | restarts (up / vote / caught up ms) | healthy ms | notes |\n");
        md.append("|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (FaultOutcome f : r.faults()) {
            StringBuilder restarts = new StringBuilder();
            for (Restart x : f.restarts()) {
                restarts.append(x.process()).append(' ').append(x.upMs()).append(" / ").append(x.firstVoteMs())
                        .append(" / ").append(x.caughtUpMs()).append("; ");
            }
            md.append("| ").append(f.index()).append(" | ").append(f.kind()).append(' ').append(f.targets()).append(" | ")
                    .append(f.holdMs()).append(" | ").append(f.heightAtFault()).append(" | ").append(dash(f.nextDecidedMs()))
                    .append(" | ").append(dash(f.nextPublishedMs())).append(" | ")
                    .append(f.halted() == null ? "" : f.halted() ? "yes at " + f.haltedTo() : "**NO** " + f.haltedFrom()
                            + "→" + f.haltedTo()).append(" | ").append(dash(f.resumedMs())).append(" | ").append(restarts)
                    .append(" | ").append(dash(f.healthyMs())).append(" | ").append(String.join("; ", f.notes()))
                    .append(" |\n");
        }
        md.append("\nTimes: next height = from the fault to the first height above the one at the fault on a validator "
                + "the fault did not hit (`/v1/status`, polled every 100 ms); published = the same on `<chain>.blocks`, "
                + "if it arrived during the hold; first vote = the validator's `consensus.votes.sent` above zero (admin "
                + "`/metrics`, polled every 100 ms); a freeze's and a heal's times count from the SIGCONT or the heal.\n");
        return md.toString();
    }

    private static String dash(Long v) {
        return v == null ? "–" : v.toString();
    }
}
