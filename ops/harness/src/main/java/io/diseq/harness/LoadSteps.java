package io.diseq.harness;

import com.fasterxml.jackson.databind.JsonNode;
import io.diseq.harness.Results.BaselineStep;
import io.diseq.harness.Results.Latency;
import io.diseq.harness.Results.ProcessUsage;
import io.diseq.harness.Results.SequencerStep;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The load steps of a run: a raw-Kafka baseline step and a sequencer step per offered rate, each
 * with a fresh {@link LoadProducer} process. A sequencer step ends when the producer has sent for
 * the step's duration and everything it produced is finalized (or the drain timeout passes).
 */
final class LoadSteps implements AutoCloseable {
    private static final Duration PRODUCER_GRACE = Duration.ofSeconds(120);
    private static final Duration CONSUMER_TIMEOUT = Duration.ofSeconds(90);

    private final HarnessSettings settings;
    private final Cluster cluster;
    private final FinalityMonitor monitor;
    private final ProcessSampler sampler;
    private final KafkaConsumer<byte[], byte[]> offsets;
    private final List<TopicPartition> rawPartitions = new ArrayList<>();
    private int launched;

    LoadSteps(HarnessSettings settings, Cluster cluster, FinalityMonitor monitor, ProcessSampler sampler) {
        this.settings = settings;
        this.cluster = cluster;
        this.monitor = monitor;
        this.sampler = sampler;
        Map<String, Object> c = new HashMap<>();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrap());
        this.offsets = new KafkaConsumer<>(c, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        for (int p = 0; p < settings.partitions(); p++) {
            rawPartitions.add(new TopicPartition(cluster.topics().rawMessages().name(), p));
        }
        // Assigned (never polled): end offsets of unassigned partitions make the client warn on every call.
        offsets.assign(rawPartitions);
    }

    /** Records ever produced to the raw topic (the producer is not transactional: one offset each). */
    long produced() {
        return offsets.endOffsets(rawPartitions, Duration.ofSeconds(10)).values().stream().mapToLong(Long::longValue)
                .sum();
    }

    long backlog() {
        return produced() - monitor.finalizedMessages();
    }

    /** Sends at {@code rate} for the step's duration into the raw topic; returns the producer's RESULT. */
    JsonNode produce(double rate, String topic, ProducerProgress progress) throws Exception {
        return produce(rate, topic, settings.durationMs(), progress);
    }

    JsonNode produce(double rate, String topic, long durationMs, ProducerProgress progress) throws Exception {
        String tag = "h" + Long.toHexString(System.nanoTime()) + "-" + (launched++);
        JavaProcess producer = cluster.launch("producer-" + launched, "-Xmx256m", LoadProducer.class.getName(),
                List.of(settings.bootstrap(), topic, Double.toString(rate), Long.toString(durationMs),
                        Integer.toString(settings.messageBytes()), tag));
        long deadline = System.currentTimeMillis() + durationMs + PRODUCER_GRACE.toMillis();
        while (!producer.awaitExit(Duration.ofSeconds(1))) {
            progress.tick();
            if (System.currentTimeMillis() > deadline) {
                producer.kill();
            }
        }
        return ChildReport.resultOf(producer);
    }

    /** Called about once a second while a producer runs. */
    interface ProducerProgress {
        void tick() throws Exception;
    }

    SequencerStep sequencer(double rate) throws Exception {
        return sequencer(rate, settings.durationMs());
    }

    SequencerStep sequencer(double rate, long durationMs) throws Exception {
        FinalityMonitor.Window window = monitor.openWindow();
        long finalizedBefore = monitor.finalizedMessages();
        sampler.begin();
        long t0 = System.currentTimeMillis();
        List<double[]> backlog = new ArrayList<>();
        JsonNode sent = produce(rate, cluster.topics().rawMessages().name(), durationMs, () -> {
            sampler.sample();
            backlog.add(new double[] {(System.currentTimeMillis() - t0) / 1000.0, backlog()});
        });
        long backlogAtEnd = backlog();
        long drainStart = System.currentTimeMillis();
        boolean drained = drain();
        long drainMs = System.currentTimeMillis() - drainStart;
        Map<String, ProcessSampler.Usage> usage = sampler.end();
        long finalized = monitor.finalizedMessages() - finalizedBefore;
        long first = sent.path("firstSendMs").asLong();
        long last = sent.path("lastSendMs").asLong();
        double seconds = ChildReport.spanSeconds(sent, "firstSendMs", "lastSendMs");
        double finalizedRate = monitor.finalizedBetween(first, last) / seconds;
        double toDrain = finalized / Math.max(0.001, (drainStart + drainMs - first) / 1000.0);
        Latency latency;
        synchronized (monitor) {
            latency = Latency.of(window.latencyMs, 1);
        }
        double slope = slope(backlog.subList(backlog.size() / 2, backlog.size()));
        List<ProcessUsage> processes = new ArrayList<>();
        usage.forEach((name, u) -> processes.add(ProcessUsage.of(name, u, finalized)));
        long count = sent.path("sent").asLong();
        long end = drainStart + drainMs;
        Results.Blocks blocks = Results.Blocks.of(monitor.blockSizesBetween(first, end + 1),
                Math.max(0.001, (end - first) / 1000.0));
        boolean ok = latency.count() > 0 && latency.p99() <= 2000 && slope <= 0.05 * rate && drained;
        return new SequencerStep(rate, count / seconds, count, sent.path("failed").asLong(), finalizedRate, toDrain,
                latency,
                slope, backlogAtEnd, drained, drainMs, producerCpuMicros(sent), processes, blocks, ok);
    }

    /** Waits until everything produced is finalized; false after the drain timeout. */
    boolean drain() throws InterruptedException {
        return drain(settings.drainTimeoutMs());
    }

    boolean drain(long timeoutMs) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (System.currentTimeMillis() < deadline) {
            if (backlog() <= 0) {
                return true;
            }
            sampler.sample();
            Thread.sleep(500);
        }
        return backlog() <= 0;
    }

    BaselineStep baseline(double rate) throws Exception {
        List<JavaProcess> consumers = new ArrayList<>();
        for (int i = 0; i < settings.validators(); i++) {
            consumers.add(cluster.launch("baseline-consumer-" + launched + "-" + i, "-Xmx256m",
                    BaselineConsumer.class.getName(), List.of(settings.bootstrap(), HarnessSettings.BASELINE_TOPIC)));
        }
        try {
            for (JavaProcess c : consumers) {
                Cluster.awaitLine(c, ChildReport.READY);
            }
            double brokerCpu = ProcStats.cpuSeconds(cluster.broker().pid(), false);
            long[] rssMax = new long[1];
            JsonNode sent = produce(rate, HarnessSettings.BASELINE_TOPIC, () -> consumers.forEach(c ->
                    rssMax[0] = Math.max(rssMax[0], ProcStats.rssBytes(c.pid(), false))));
            long count = sent.path("sent").asLong();
            for (JavaProcess c : consumers) {
                c.tell("expect " + count);
            }
            for (JavaProcess c : consumers) {
                c.awaitExit(CONSUMER_TIMEOUT);
            }
            brokerCpu = ProcStats.cpuSeconds(cluster.broker().pid(), false) - brokerCpu;
            return baselineStep(rate, sent, consumers, brokerCpu, rssMax[0]);
        } finally {
            for (JavaProcess c : consumers) {
                c.close();
            }
        }
    }

    private BaselineStep baselineStep(double rate, JsonNode sent, List<JavaProcess> consumers, double brokerCpu,
                                      long rssMax) throws Exception {
        Histogram latency = ChildReport.latencyHistogramMs();
        double delivered = Double.MAX_VALUE;
        double cpuPerMessage = 0;
        for (JavaProcess c : consumers) {
            JsonNode r = ChildReport.resultOf(c);
            long records = r.path("records").asLong();
            latency.add(ChildReport.decode(r.path("histogram").asText()));
            double seconds = ChildReport.spanSeconds(r, "firstMs", "lastMs");
            delivered = Math.min(delivered, records / seconds);
            cpuPerMessage += records == 0 ? 0 : (r.path("cpuSeconds").asDouble() - r.path("cpuAtReady").asDouble())
                    * 1e6 / records / consumers.size();
        }
        long count = sent.path("sent").asLong();
        double seconds = ChildReport.spanSeconds(sent, "firstSendMs", "lastSendMs");
        return new BaselineStep(rate, count / seconds, count, delivered, Latency.of(latency, 1), cpuPerMessage,
                count == 0 ? 0 : brokerCpu * 1e6 / count, producerCpuMicros(sent), rssMax / 1e6);
    }

    static double producerCpuMicros(JsonNode sent) {
        long count = sent.path("sent").asLong();
        return count == 0 ? 0 : (sent.path("cpuSeconds").asDouble() - sent.path("cpuAtStart").asDouble()) * 1e6 / count;
    }

    /** Least-squares slope of (seconds, backlog) samples; 0 with fewer than two. */
    static double slope(List<double[]> samples) {
        int n = samples.size();
        if (n < 2) {
            return 0;
        }
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double sxy = 0;
        for (double[] s : samples) {
            sx += s[0];
            sy += s[1];
            sxx += s[0] * s[0];
            sxy += s[0] * s[1];
        }
        double d = n * sxx - sx * sx;
        return d == 0 ? 0 : (n * sxy - sx * sy) / d;
    }

    @Override
    public void close() {
        offsets.close(Duration.ofSeconds(5));
    }
}
