package io.diseq.harness;

import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/** The figures of one harness run, as written to the JSON report (field names are the JSON's). */
final class Results {
    private Results() {
    }

    /** Latency percentiles in milliseconds. */
    record Latency(long count, double p50, double p99, double p999, double max) {
        /** @param unitsPerMs 1 for a histogram in ms, 1000 for one in µs */
        static Latency of(Histogram h, double unitsPerMs) {
            if (h.getTotalCount() == 0) {
                return new Latency(0, 0, 0, 0, 0);
            }
            return new Latency(h.getTotalCount(), h.getValueAtPercentile(50) / unitsPerMs,
                    h.getValueAtPercentile(99) / unitsPerMs, h.getValueAtPercentile(99.9) / unitsPerMs,
                    h.getMaxValue() / unitsPerMs);
        }
    }

    /**
     * One long-running process over a step: CPU per finalized message, peak RSS and heap (MB, 10^6 bytes), and the
     * largest old generation left after a collection (null where unknown).
     */
    record ProcessUsage(String process, double cpuSeconds, double cpuMicrosPerMessage, double rssMaxMb,
                        Double heapMaxMb, Double liveHeapMaxMb) {
        static ProcessUsage of(String name, ProcessSampler.Usage u, long finalized) {
            return new ProcessUsage(name, u.cpuSeconds(), finalized == 0 ? 0 : u.cpuSeconds() * 1e6 / finalized,
                    u.rssMaxMb(), Double.isNaN(u.heapMaxMb()) ? null : u.heapMaxMb(),
                    Double.isNaN(u.liveHeapMaxMb()) ? null : u.liveHeapMaxMb());
        }
    }

    /**
     * One sequencer step. {@code finalizedRate}: messages of the blocks whose records arrived while
     * the producer sent, per second; {@code finalizedRateToDrain}: all messages finalized from the first
     * send until the backlog drained, per second of that time. {@code backlogSlope}: growth of (produced - finalized) in msg/s
     * over the second half of the step (least squares). {@code withinTarget}: p99 ≤ 2 s, backlog not
     * growing (slope ≤ 5 % of the offered rate) and drained after the step.
     */
    record SequencerStep(double offeredRate, double sentRate, long sent, long failed, double finalizedRate,
                         double finalizedRateToDrain, Latency latency, double backlogSlope, long backlogAtEnd, boolean drained, long drainMs,
                         double producerCpuMicrosPerMessage, List<ProcessUsage> processes, Blocks blocks,
                         boolean withinTarget) {
    }

    /**
     * The finalized blocks of a step (records that arrived from its first send until its backlog drained): how many,
     * per second, and their sizes in messages (mean, median, 90th percentile, largest; empty blocks count).
     */
    record Blocks(long count, double perSecond, double meanMessages, long p50Messages, long p90Messages,
                  long maxMessages, long empty) {
        static Blocks of(long[] messageCounts, double seconds) {
            long[] sorted = messageCounts.clone();
            java.util.Arrays.sort(sorted);
            int n = sorted.length;
            if (n == 0) {
                return new Blocks(0, 0, 0, 0, 0, 0, 0);
            }
            long sum = 0;
            long empty = 0;
            for (long c : sorted) {
                sum += c;
                empty += c == 0 ? 1 : 0;
            }
            return new Blocks(n, n / Math.max(0.001, seconds), (double) sum / n, sorted[(n - 1) / 2],
                    sorted[(int) Math.ceil(0.9 * n) - 1], sorted[n - 1], empty);
        }
    }

    /**
     * Ingest on its own (validators frozen): the same open-loop producer into {@code <chain>.messages.raw} and one
     * plain consumer of {@code <chain>.messages}; {@code deliveredRate} is what that consumer received per second
     * (the validated records ingest committed), latency from the send time (ingest keeps the raw record's timestamp)
     * to the arrival at the consumer; CPU per delivered message of ingest and of the broker.
     */
    record IngestStep(double offeredRate, double sentRate, long sent, long delivered, double deliveredRate,
                      Latency latency, double ingestCpuMicrosPerMessage, double brokerCpuMicrosPerMessage,
                      double producerCpuMicrosPerMessage) {
    }

    /** One raw-Kafka step: the same producer, N consumers each reading the whole topic. */
    record BaselineStep(double offeredRate, double sentRate, long sent, double deliveredRate, Latency latency,
                        double consumerCpuMicrosPerMessage, double brokerCpuMicrosPerMessage,
                        double producerCpuMicrosPerMessage, double consumerRssMaxMb) {
    }

    /** Random-id receipt reads against one validator (closed loop, {@code threads} in flight). */
    record Receipts(String validator, int threads, double seconds, int distinctIds, long ok, long notFound,
                    long errors, double perSecond, Latency latency) {
    }

    /**
     * A validator killed ({@code kill -9}), kept down while the others finalize under load, then
     * restarted: {@code catchUpRate} is the messages of the missed blocks per second from its
     * admin port answering to its height reaching the chain's; {@code liveRate} the chain's
     * finalized rate while it was down (messages finalized from the first send to the drained backlog,
     * per second of that time).
     */
    record CatchUp(String validator, double offeredRate, long downMs, long heightAtKill, long chainHeight,
                   long missedMessages, double liveRate, long restartToReadyMs, long readyToCaughtUpMs,
                   double catchUpRate, double ratioToLive, boolean caughtUp) {
    }

    /**
     * The backlog probe: {@code produced} messages written straight into {@code <chain>.messages} (as ingest writes
     * them) in {@code produceMs}; then, for {@code windowMs} after the last was acknowledged, the validators'
     * memory with about {@code waitingAtWindowStart} … {@code waitingAtWindowEnd} of them still waiting
     * (produced by the probe minus finalized since it began), and the rate at which the chain finalized
     * them (the sequencer's throughput with a full input window and no producer on the machine).
     */
    record Backlog(long produced, long produceMs, long waitingAtWindowStart, long waitingAtWindowEnd, long windowMs,
                   double finalizedRate, int heapLimitMb, List<ProcessUsage> processes, List<String> exited) {
    }

    /** Database growth over the sequencer steps, per validator, per finalized message. */
    record Storage(Map<String, Long> bytesGrowthByValidator, long finalizedMessages, double bytesPerMessage) {
    }

    record Machine(int cpus, String cpuModel, long memoryMb, String java, String loadAverageStart,
                   String loadAverageEnd, String note) {
    }

    record Run(String schema, String startedAt, String finishedAt, String command, Machine machine, int validators,
               int partitions, int messageBytes, long stepDurationMs, List<BaselineStep> baseline,
               List<SequencerStep> warmUp, List<SequencerStep> sequencer, Double saturationRate, Receipts receipts, CatchUp catchUp,
               Backlog backlog, List<IngestStep> ingestAlone, Storage storage, Map<String, String> logs) {
    }
}
