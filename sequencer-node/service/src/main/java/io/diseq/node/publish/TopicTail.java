package io.diseq.node.publish;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.AbortTransactionSpec;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.ProducerState;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads the last COMMITTED record of the single-partition {@code <chain>.blocks} topic
 * (read_committed, from the end backwards). Transaction markers and aborted records occupy offsets
 * without being returned, so the reader looks back over a growing span until it finds a record or
 * reaches the start of the log.
 *
 * <p>A committed tail is only final when no transaction is open on the partition: an open one (its
 * records lie between the last stable offset and the end of the log) may still commit records after
 * the tail. {@link #openSpan()} tells whether there is one, {@link #openTransactions()} who holds it and
 * {@link #abort} ends one that no coordinator will end (a hanging transaction). Not thread-safe; owned
 * by the publisher thread.
 */
final class TopicTail implements AutoCloseable {
    private static final int INITIAL_SPAN = 8;

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Admin admin;
    private final TopicPartition partition;
    private final Duration timeout;
    private long lastEnd = -1;
    private Optional<ConsumerRecord<byte[], byte[]>> lastRecord = Optional.empty();

    TopicTail(String bootstrapServers, String topic, Duration timeout, Map<String, Object> extraConfig) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.putAll(extraConfig);
        this.partition = new TopicPartition(topic, 0);
        this.timeout = timeout;
        this.consumer = new KafkaConsumer<>(config);
        Map<String, Object> adminConfig = new HashMap<>();
        adminConfig.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        adminConfig.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        adminConfig.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        extraConfig.forEach((k, v) -> {
            if (AdminClientConfig.configNames().contains(k)) {
                adminConfig.put(k, v);
            }
        });
        this.admin = Admin.create(adminConfig);
        try {
            requireSinglePartition(topic);
            consumer.assign(List.of(partition));
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private void requireSinglePartition(String topic) {
        var infos = consumer.partitionsFor(topic, timeout);
        if (infos == null || infos.size() != 1) {
            throw new IllegalStateException("block topic " + topic + " must exist with exactly one partition, has "
                    + (infos == null ? 0 : infos.size()));
        }
    }

    /**
     * The last committed record, or empty if the topic holds none. Everything below the last stable
     * offset is settled, so while that offset has not moved the answer is the one read before: a
     * standby checking an idle tail costs one offset request, not a fetch.
     */
    Optional<ConsumerRecord<byte[], byte[]>> last() {
        long end = consumer.endOffsets(List.of(partition), timeout).get(partition);
        if (end == lastEnd) {
            return lastRecord;
        }
        Optional<ConsumerRecord<byte[], byte[]>> found = lastBelow(end);
        lastEnd = end;
        lastRecord = found;
        return found;
    }

    private Optional<ConsumerRecord<byte[], byte[]>> lastBelow(long end) {
        long span = INITIAL_SPAN;
        while (true) {
            long start = Math.max(0, end - span);
            Optional<ConsumerRecord<byte[], byte[]>> found = lastIn(start, end);
            if (found.isPresent() || start == 0) {
                return found;
            }
            span *= 2;
        }
    }

    private Optional<ConsumerRecord<byte[], byte[]>> lastIn(long start, long end) {
        consumer.seek(partition, start);
        long deadline = System.nanoTime() + timeout.toNanos();
        ConsumerRecord<byte[], byte[]> last = null;
        while (consumer.position(partition, timeout) < end) {
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("reading the tail of " + partition + " took longer than " + timeout);
            }
            for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                if (r.offset() < end) {
                    last = r;
                }
            }
        }
        return Optional.ofNullable(last);
    }

    /**
     * The offsets between the last stable offset and the end of the log, or empty when no transaction
     * is open on the partition (the committed tail is then final).
     */
    Optional<OpenSpan> openSpan() {
        long stable = endOffset(IsolationLevel.READ_COMMITTED);
        long end = endOffset(IsolationLevel.READ_UNCOMMITTED);
        return stable < end ? Optional.of(new OpenSpan(stable, end)) : Optional.empty();
    }

    /** The producers with a transaction open on the partition, as the partition leader knows them. */
    List<ProducerState> openTransactions() {
        return get(admin.describeProducers(List.of(partition)).partitionResult(partition)).activeProducers().stream()
                .filter(p -> p.currentTransactionStartOffset().isPresent())
                .toList();
    }

    /** Writes an abort marker for the producer's open transaction on the partition. */
    void abort(ProducerState producer) {
        get(admin.abortTransaction(new AbortTransactionSpec(partition, producer.producerId(),
                (short) producer.producerEpoch(), producer.coordinatorEpoch().orElse(0))).all());
    }

    private long endOffset(IsolationLevel isolation) {
        return get(admin.listOffsets(Map.of(partition, OffsetSpec.latest()), new ListOffsetsOptions(isolation))
                .partitionResult(partition)).offset();
    }

    private <T> T get(KafkaFuture<T> future) {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptException(e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof KafkaException k ? k : new KafkaException(e.getCause());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new TimeoutException("a request about " + partition + " took longer than " + timeout);
        }
    }

    /** Offsets {@code [stable, end)} of the log that an open transaction may still commit or abort. */
    record OpenSpan(long stable, long end) {
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
        admin.close(Duration.ofSeconds(5));
    }
}
