package io.diseq.harness;

import java.nio.file.Path;
import java.util.List;

/**
 * One harness run: the system's shape, the load steps and what else to measure.
 *
 * @param rates offered loads in messages per second, one step each, in ascending order
 * @param warmUpMs a sequencer step at the first rate before the measured ones (JIT, first blocks), 0 for none
 * @param settleTimeoutMs how long the probes wait for the backlog a saturated step left behind
 * @param extraJvmOptions added to every child JVM (the smoke run uses C1 only, for a quicker start)
 * @param nodeJvmOptions added to the validators and ingest only ({@code {name}} becomes the process's name), e.g.
 *     to record JFR profiles
 * @param basePort Kafka takes it, its controller the next, PostgreSQL base+2, ingest and validators from base+10
 * @param receiptSeconds length of the receipt probe against validator 0 (0: skipped)
 * @param catchUp whether to kill, starve and restart the last validator and time its catch-up
 * @param backlogMessages messages the backlog probe writes into the validated topic at the end of the run (0: none)
 * @param backlogWindowMs how long the backlog probe samples the validators after the last of them is written
 * @param postgresSettings PostgreSQL server settings, {@code name=value} (the shared server of the harness topology)
 * @param ingestRates offered loads of the ingest-alone probe at the end of the run (validators frozen); empty: none
 */
record HarnessSettings(int validators, int partitions, List<Double> rates, long durationMs, int messageBytes,
                       long warmUpMs, int basePort, Path workDir, Path outDir, String reportName, int validatorHeapMb,
                       long receiptSeconds, int receiptThreads, boolean catchUp, boolean baseline,
                       long backlogMessages, long backlogWindowMs, List<Double> ingestRates,
                       long drainTimeoutMs, long settleTimeoutMs, List<String> extraJvmOptions, List<String> nodeJvmOptions,
                       List<String> postgresSettings, String commandLine) {
    static final String BASELINE_TOPIC = "harness-baseline";

    HarnessSettings {
        rates = List.copyOf(rates);
        ingestRates = List.copyOf(ingestRates);
        extraJvmOptions = List.copyOf(extraJvmOptions);
        nodeJvmOptions = List.copyOf(nodeJvmOptions);
        postgresSettings = List.copyOf(postgresSettings);
        PostgresMain.settings(String.join(",", postgresSettings)); // rejects a malformed one before anything starts
        if (rates.isEmpty()) {
            throw new IllegalArgumentException("give at least one rate");
        }
    }

    int kafkaPort() {
        return basePort;
    }

    int postgresPort() {
        return basePort + 2;
    }

    String bootstrap() {
        return "localhost:" + kafkaPort();
    }
}
