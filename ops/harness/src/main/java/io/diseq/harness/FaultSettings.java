package io.diseq.harness;

import io.diseq.harness.FaultSchedule.Kind;
import java.util.List;

/**
 * One fault run: the system (the harness's settings: validators, partitions, ports, work directory,
 * message size, child JVM options), the seed, the load and the schedule's bounds.
 *
 * @param durationMs how long the producer sends; faults are applied while it does
 * @param minDelayMs quiet time before each fault, at least (drawn from the seed)
 * @param tailMs time kept free of faults at the end of the load
 * @param receiptSamples acknowledged messages whose receipts the audit fetches and verifies
 */
record FaultSettings(HarnessSettings harness, long seed, double rate, long durationMs, List<Kind> kinds,
                     long minDelayMs, long maxDelayMs, long tailMs, long drainTimeoutMs, int receiptSamples,
                     String commandLine, String replayCommand) {
    FaultSettings {
        kinds = List.copyOf(kinds);
    }
}
