package io.diseq.harness;

import com.fasterxml.jackson.databind.JsonNode;
import io.diseq.harness.Results.Backlog;
import io.diseq.harness.Results.ProcessUsage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The validators' memory with a large backlog waiting in their input (issue 12: "validator heap ≤ 512 MB while
 * 10,000,000 messages wait in the input topic"). A {@link BacklogProducer} process writes {@code count} messages
 * straight into {@code <chain>.messages}; once all are acknowledged, the validators are sampled for the window
 * (peak heap used, the old generation after a collection, RSS, CPU) while the chain works through the backlog.
 * Runs last: the chain does not drain such a backlog in a run, and the report says how much was still waiting.
 * Each validator's input window is bounded by configuration (docs/operations-node.md, {@code kafka.windowMaxRecords}
 * and {@code kafka.windowMaxBytes}), not by the backlog; this probe measures that the bound holds.
 */
final class BacklogProbe {
    private static final Duration PRODUCE_TIMEOUT = Duration.ofMinutes(30);

    private BacklogProbe() {
    }

    static Backlog run(Cluster cluster, FinalityMonitor monitor, ProcessSampler sampler, long count, int messageBytes,
                       long windowMs, int heapLimitMb) throws Exception {
        long finalizedBefore = monitor.finalizedMessages();
        sampler.begin();
        JavaProcess producer = cluster.launch("backlog-producer", "-Xmx512m", BacklogProducer.class.getName(),
                List.of(cluster.spec().bootstrap(), cluster.topics().messages().name(), Long.toString(count),
                        Integer.toString(messageBytes), "b" + Long.toHexString(System.nanoTime())));
        long deadline = System.currentTimeMillis() + PRODUCE_TIMEOUT.toMillis();
        while (!producer.awaitExit(Duration.ofSeconds(1))) {
            sampler.sample();
            if (System.currentTimeMillis() > deadline) {
                producer.kill();
            }
        }
        JsonNode sent = ChildReport.resultOf(producer);
        long produced = sent.path("sent").asLong();
        long produceMs = sent.path("lastSendMs").asLong() - sent.path("firstSendMs").asLong();
        long windowStart = System.currentTimeMillis();
        long finalizedAtStart = monitor.finalizedMessages();
        long waitingAtStart = produced - (finalizedAtStart - finalizedBefore);
        while (System.currentTimeMillis() < windowStart + windowMs) {
            sampler.sample();
            Thread.sleep(1000);
        }
        long finalizedAtEnd = monitor.finalizedMessages();
        Map<String, ProcessSampler.Usage> usage = sampler.end();
        long windowTook = System.currentTimeMillis() - windowStart;
        List<ProcessUsage> processes = new ArrayList<>();
        usage.forEach((name, u) -> processes.add(ProcessUsage.of(name, u, finalizedAtEnd - finalizedBefore)));
        List<String> exited = new ArrayList<>();
        for (JavaProcess v : cluster.validators()) {
            if (!v.alive()) {
                exited.add(v.name());
            }
        }
        return new Backlog(produced, produceMs, waitingAtStart, produced - (finalizedAtEnd - finalizedBefore), windowTook,
                (finalizedAtEnd - finalizedAtStart) / Math.max(0.001, windowTook / 1000.0), heapLimitMb, processes, exited);
    }
}
