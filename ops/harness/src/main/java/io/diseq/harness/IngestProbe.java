package io.diseq.harness;

import com.fasterxml.jackson.databind.JsonNode;
import io.diseq.harness.Results.IngestStep;
import io.diseq.harness.Results.Latency;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Ingest measured alone (issue 12 §2): the validators are frozen ({@code SIGSTOP}, so they take no CPU and read
 * nothing), and for each rate the {@link LoadProducer} sends into {@code <chain>.messages.raw} while one
 * {@link BaselineConsumer} reads {@code <chain>.messages} from its end. What that consumer receives is what ingest
 * validated and committed; its latency runs from the producer's send time (ingest keeps the raw record's timestamp)
 * to the arrival. Runs last (after the backlog probe: the chain is of no further use), rates ascending; a step whose
 * records did not all arrive within the drain timeout ends the series, so that no step starts behind. The
 * validators are thawed at the end.
 */
final class IngestProbe {
    private static final long EXIT_GRACE_MS = 30_000;

    private IngestProbe() {
    }

    static List<IngestStep> run(Cluster cluster, LoadSteps steps, HarnessSettings settings) throws Exception {
        List<IngestStep> results = new ArrayList<>();
        for (JavaProcess v : cluster.validators()) {
            v.freeze();
        }
        try {
            int k = 0;
            for (double rate : settings.ingestRates()) {
                IngestStep step = step(cluster, steps, settings, rate, k++);
                results.add(step);
                HarnessRun.log("  ingest alone at " + ReportWriter.n(rate) + " msg/s: validated " + ReportWriter.n(step.deliveredRate())
                        + " msg/s, p50 " + step.latency().p50() + " ms, p99 " + step.latency().p99() + " ms, "
                        + step.delivered() + " of " + step.sent());
                if (step.delivered() < step.sent()) {
                    HarnessRun.log("  ingest did not deliver every record in time: higher rates skipped");
                    break;
                }
            }
        } finally {
            for (JavaProcess v : cluster.validators()) {
                v.thaw();
            }
        }
        return results;
    }

    private static IngestStep step(Cluster cluster, LoadSteps steps, HarnessSettings settings, double rate, int k)
            throws Exception {
        try (JavaProcess consumer = cluster.launch("ingest-consumer-" + k, "-Xmx256m", BaselineConsumer.class.getName(),
                List.of(settings.bootstrap(), cluster.topics().messages().name(),
                        Long.toString(settings.drainTimeoutMs())))) {
            Cluster.awaitLine(consumer, ChildReport.READY);
            double ingestCpu = ProcStats.cpuSeconds(cluster.ingest().pid(), false);
            double brokerCpu = ProcStats.cpuSeconds(cluster.broker().pid(), false);
            JsonNode sent = steps.produce(rate, cluster.topics().rawMessages().name(), () -> { });
            long count = sent.path("sent").asLong();
            consumer.tell("expect " + count);
            consumer.awaitExit(Duration.ofMillis(settings.drainTimeoutMs() + EXIT_GRACE_MS));
            ingestCpu = ProcStats.cpuSeconds(cluster.ingest().pid(), false) - ingestCpu;
            brokerCpu = ProcStats.cpuSeconds(cluster.broker().pid(), false) - brokerCpu;
            JsonNode r = ChildReport.resultOf(consumer);
            long records = r.path("records").asLong();
            return new IngestStep(rate, count / ChildReport.spanSeconds(sent, "firstSendMs", "lastSendMs"), count,
                    records, records / ChildReport.spanSeconds(r, "firstMs", "lastMs"),
                    Latency.of(ChildReport.decode(r.path("histogram").asText()), 1),
                    records == 0 ? 0 : ingestCpu * 1e6 / records, records == 0 ? 0 : brokerCpu * 1e6 / records,
                    LoadSteps.producerCpuMicros(sent));
        }
    }
}
