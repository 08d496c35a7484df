package io.diseq.node.input;

import io.diseq.core.chain.InputRecord;
import io.diseq.core.util.Bytes;
import io.diseq.node.config.KafkaSettings;
import io.dropwizard.lifecycle.Managed;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads {@code <chain>.messages} into the {@link InputWindow} (docs/architecture.md §Input
 * reader). Assign + seek to the positions stored with the latest block: no consumer group, no
 * committed offsets, read_committed. One thread polls; it only appends to the window, pauses a
 * partition whose window is full (seeking back to the first record that did not fit, so the
 * window's bound is exact) and resumes it once blocks have drained room. A backlog of any size
 * therefore costs at most the window plus one fetch of memory.
 *
 * <p>A position no longer on the broker (deleted by retention) is a fatal error, never a silent
 * skip: {@code auto.offset.reset=none}. The error is kept in {@link #failure()} for health checks.
 *
 * <p>The reader reads the partitions the topic had at start-up. Every
 * {@code partitionCheckIntervalMs} it asks the broker for the topic's partitions and reports any
 * added since ({@link #addedPartitions()}): this validator can neither propose nor validate a block
 * whose ranges use them until it restarts, so a health check turns that into an alert instead of
 * a silent stall (docs/runbooks.md, "Adding input partitions").
 */
public final class InputReader implements Managed {
    private static final Logger LOG = LoggerFactory.getLogger(InputReader.class);

    private final KafkaSettings settings;
    private final InputWindow window;
    private final Map<String, Object> extraConfig;
    private final Set<Integer> paused = new HashSet<>();
    private volatile boolean running;
    private volatile Throwable failure;
    private volatile List<Integer> addedPartitions = List.of();
    /** {@link System#nanoTime()} of the next partition check; poll thread only. */
    private long nextPartitionCheck;
    private KafkaConsumer<byte[], byte[]> consumer;
    private Thread thread;

    public InputReader(KafkaSettings settings, InputWindow window, Map<String, Object> extraConfig) {
        this.settings = settings;
        this.window = window;
        this.extraConfig = Map.copyOf(extraConfig);
    }

    @Override
    public synchronized void start() {
        consumer = new KafkaConsumer<>(consumerConfig());
        List<TopicPartition> assigned = new ArrayList<>();
        for (int p : window.partitions()) {
            assigned.add(new TopicPartition(settings.messagesTopic(), p));
        }
        consumer.assign(assigned);
        for (TopicPartition tp : assigned) {
            consumer.seek(tp, window.nextUnsequenced(tp.partition()));
        }
        running = true;
        nextPartitionCheck = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(settings.partitionCheckIntervalMs());
        thread = new Thread(this::loop, "input-reader-" + settings.messagesTopic());
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public synchronized void stop() throws InterruptedException {
        running = false;
        if (thread != null) {
            if (thread.isAlive()) {
                consumer.wakeup();
            }
            thread.join(TimeUnit.SECONDS.toMillis(30));
            thread = null;
        }
    }

    /** The error that stopped the poll loop, or null while it is healthy. */
    public Throwable failure() {
        return failure;
    }

    public boolean isRunning() {
        return running && failure == null;
    }

    /** Partitions of the input topic that were added after start-up and are not read; empty normally. */
    public List<Integer> addedPartitions() {
        return addedPartitions;
    }

    public String messagesTopic() {
        return settings.messagesTopic();
    }

    private void loop() {
        try {
            while (running) {
                applySeeks();
                resumeDrained();
                ConsumerRecords<byte[], byte[]> polled = consumer.poll(Duration.ofMillis(settings.pollTimeoutMs()));
                enqueue(polled);
                advancePositions();
                checkPartitions();
            }
        } catch (WakeupException e) {
            if (running) {
                failure = e;
            }
        } catch (RuntimeException | Error e) {
            failure = e;
            LOG.error("input reader of {} stopped", settings.messagesTopic(), e);
        } finally {
            running = false;
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void applySeeks() {
        for (int p : window.partitions()) {
            long seekTo = window.takeSeek(p);
            if (seekTo >= 0) {
                consumer.seek(tp(p), seekTo);
            }
        }
    }

    private void resumeDrained() {
        List<TopicPartition> resume = new ArrayList<>();
        for (int p : Set.copyOf(paused)) {
            if (!window.isFull(p)) {
                paused.remove(p);
                resume.add(tp(p));
            }
        }
        if (!resume.isEmpty()) {
            consumer.resume(resume);
        }
    }

    private void enqueue(ConsumerRecords<byte[], byte[]> polled) {
        for (TopicPartition tp : polled.partitions()) {
            List<InputRecord> batch = new ArrayList<>();
            for (ConsumerRecord<byte[], byte[]> r : polled.records(tp)) {
                byte[] value = r.value() == null ? new byte[0] : r.value();
                batch.add(new InputRecord(tp.partition(), r.offset(), Bytes.wrap(value)));
            }
            long firstRejected = window.append(tp.partition(), batch);
            if (firstRejected >= 0) {
                consumer.seek(tp, firstRejected);
            }
            if (firstRejected >= 0 || window.isFull(tp.partition())) {
                pause(tp.partition());
            }
        }
    }

    private void pause(int partition) {
        if (paused.add(partition)) {
            consumer.pause(List.of(tp(partition)));
        }
    }

    private void advancePositions() {
        for (int p : window.partitions()) {
            window.advanceTo(p, consumer.position(tp(p)));
        }
    }

    /** Compares the topic's partitions with those read, once per interval (a metadata timeout just waits for the next). */
    private void checkPartitions() {
        long now = System.nanoTime();
        if (now - nextPartitionCheck < 0) {
            return;
        }
        nextPartitionCheck = now + TimeUnit.MILLISECONDS.toNanos(settings.partitionCheckIntervalMs());
        List<PartitionInfo> infos;
        try {
            infos = consumer.partitionsFor(settings.messagesTopic(), Duration.ofMillis(settings.requestTimeoutMs()));
        } catch (TimeoutException e) {
            LOG.warn("could not list the partitions of {}: {}", settings.messagesTopic(), e.toString());
            return;
        }
        List<Integer> added = infos.stream().map(PartitionInfo::partition)
                .filter(p -> !window.partitions().contains(p)).sorted().toList();
        if (!added.isEmpty() && !added.equals(addedPartitions)) {
            LOG.error("partitions {} were added to {} after this validator started; it cannot sequence or validate"
                    + " blocks that use them until it restarts: restart every validator (docs/runbooks.md)",
                    added, settings.messagesTopic());
        }
        addedPartitions = added;
    }

    private TopicPartition tp(int partition) {
        return new TopicPartition(settings.messagesTopic(), partition);
    }

    private Map<String, Object> consumerConfig() {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) settings.requestTimeoutMs());
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "diseq-input-" + settings.messagesTopic());
        // partitionsFor answers from the consumer's metadata cache: refresh it as often as it is checked
        config.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, (int) Math.min(Integer.MAX_VALUE, settings.partitionCheckIntervalMs()));
        config.putAll(extraConfig);
        return config;
    }
}
