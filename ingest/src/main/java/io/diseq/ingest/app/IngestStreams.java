package io.diseq.ingest.app;

import io.diseq.ingest.topics.TopicMismatchException;
import io.diseq.ingest.topics.TopicSetup;
import io.diseq.ingest.topology.IngestMetrics;
import io.diseq.ingest.topology.IngestTopology;
import io.diseq.ingest.topology.StreamsProperties;
import io.dropwizard.lifecycle.Managed;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the ingest topology (docs/ingest.md §Running): on start, checks or creates the topics, then
 * starts Kafka Streams; on stop, closes it cleanly (committing the open transaction). A stream thread
 * that dies of an unexpected error shuts the client down rather than keep running degraded; the
 * streams health check then reports it.
 */
public final class IngestStreams implements Managed {
    private static final Logger LOG = LoggerFactory.getLogger(IngestStreams.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);
    static final String INSTANCE_ID_FILE = "instance-id";

    private final IngestConfiguration config;
    private final IngestMetrics metrics;
    private volatile KafkaStreams streams;

    public IngestStreams(IngestConfiguration config, IngestMetrics metrics) {
        this.config = config;
        this.metrics = metrics;
    }

    @Override
    public void start() throws TopicMismatchException, InterruptedException, ExecutionException {
        ensureTopics();
        KafkaStreams s = new KafkaStreams(IngestTopology.build(config.settings(), metrics), StreamsProperties.of(
                config.settings(), metrics, config.kafka.bootstrapServers, config.applicationId(),
                config.kafka.stateDir, config.kafka.streamThreads, config.topics.replicationFactor,
                config.rejectedMaxRecordBytes() + IngestConfiguration.REJECT_HEADROOM_BYTES, instanceId(),
                config.kafka.properties));
        s.setUncaughtExceptionHandler(e -> {
            LOG.error("ingest stream thread failed; shutting Kafka Streams down", e);
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
        streams = s;
        s.start();
    }

    /**
     * The configured {@code kafka.instanceId}, or the one kept in {@code <stateDir>/instance-id},
     * created (random) at the first start. The state directory belongs to one instance, so the id does
     * too, and it survives restarts with the state.
     */
    String instanceId() {
        if (config.kafka.instanceId != null && !config.kafka.instanceId.isBlank()) {
            return config.kafka.instanceId;
        }
        Path file = Path.of(config.kafka.stateDir, INSTANCE_ID_FILE);
        try {
            if (Files.exists(file)) {
                String id = Files.readString(file, StandardCharsets.UTF_8).trim();
                if (!id.matches("[A-Za-z0-9._-]{1,200}")) {
                    throw new IllegalStateException(file + " does not hold an instance id (letters, digits, . _ -): "
                            + "delete it to create a new one");
                }
                return id;
            }
            Files.createDirectories(file.getParent());
            String id = "ingest-" + UUID.randomUUID();
            Path tmp = Files.writeString(file.resolveSibling(INSTANCE_ID_FILE + ".tmp"), id + "\n", StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
            LOG.info("created ingest instance id {} in {}", id, file);
            return id;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the ingest instance id in " + file, e);
        }
    }

    private void ensureTopics() throws TopicMismatchException, InterruptedException, ExecutionException {
        try (Admin admin = Admin.create(adminProperties(config))) {
            new TopicSetup(admin, adminTimeout()).ensure(config.topicRequirements(), config.kafka.createTopics);
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka at " + config.kafka.bootstrapServers + " did not answer within "
                    + config.kafka.adminTimeout + "; check kafka.bootstrapServers and that the brokers are up", e);
        }
    }

    @Override
    public void stop() {
        KafkaStreams s = streams;
        if (s != null) {
            s.close(CLOSE_TIMEOUT);
        }
    }

    /** NOT_RUNNING before {@link #start()}. */
    public KafkaStreams.State state() {
        KafkaStreams s = streams;
        return s == null ? KafkaStreams.State.NOT_RUNNING : s.state();
    }

    /**
     * Records the main consumers are behind on the raw and by-id topics (sum of Kafka's
     * {@code records-lag} per assigned partition), or 0 before the first fetch.
     */
    public long lagRecords() {
        KafkaStreams s = streams;
        if (s == null) {
            return 0;
        }
        double lag = 0;
        for (Map.Entry<MetricName, ? extends Metric> e : s.metrics().entrySet()) {
            MetricName name = e.getKey();
            if (name.name().equals("records-lag") && name.group().equals("consumer-fetch-manager-metrics")
                    && !name.tags().getOrDefault("client-id", "").endsWith("restore-consumer")
                    && e.getValue().metricValue() instanceof Double d && Double.isFinite(d)) {
                lag += Math.max(0, d);
            }
        }
        return (long) lag;
    }

    public Duration adminTimeout() {
        return Duration.ofMillis(config.kafka.adminTimeout.toMilliseconds());
    }

    public static Map<String, Object> adminProperties(IngestConfiguration config) {
        Map<String, Object> p = new java.util.HashMap<>(config.kafka.properties);
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafka.bootstrapServers);
        int timeoutMs = (int) config.kafka.adminTimeout.toMilliseconds();
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeoutMs);
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.min(timeoutMs, 30_000));
        return p;
    }
}
