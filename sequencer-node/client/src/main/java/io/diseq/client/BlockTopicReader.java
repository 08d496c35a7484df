package io.diseq.client;

import io.diseq.schemas.BlockRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads the finalized-block topic {@code <chain>.blocks} (one partition, docs/protocol.md §20.6) with
 * {@code isolation.level=read_committed}, so records of aborted publisher transactions are never
 * seen. No consumer group: the reader assigns the partition and seeks. Heights grow with offsets
 * but are not equal to them (transaction markers take offsets), so a height is found by binary
 * search over offsets.
 */
final class BlockTopicReader implements AutoCloseable {
    private static final Duration POLL = Duration.ofMillis(200);

    /** A record of the topic: its height (the key) and its parsed value. */
    record Entry(long offset, long height, BlockRecord record) {}

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final TopicPartition partition;
    private final Duration timeout;

    private BlockTopicReader(KafkaConsumer<byte[], byte[]> consumer, TopicPartition partition, Duration timeout) {
        this.consumer = consumer;
        this.partition = partition;
        this.timeout = timeout;
    }

    /** @throws ClientException if Kafka is unreachable or the topic is missing */
    static BlockTopicReader open(ClientConfig config) throws ClientException, InterruptedException {
        String topic = config.topics().blocks().name();
        DiseqClient.requireTopic(config, topic);
        Map<String, Object> p = new HashMap<>(config.kafkaProperties());
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) Math.min(config.timeout().toMillis(), Integer.MAX_VALUE));
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        TopicPartition tp = new TopicPartition(topic, 0);
        consumer.assign(List.of(tp));
        return new BlockTopicReader(consumer, tp, config.timeout());
    }

    /** Positions the reader at the first record whose height is at least {@code height}. */
    void seekToHeight(long height) throws ClientException {
        long lo = consumer.beginningOffsets(List.of(partition)).get(partition);
        long hi = endOffset();
        while (lo < hi) {
            long mid = lo + (hi - lo) / 2;
            Optional<Entry> e = firstAtOrAfter(mid, hi);
            if (e.isEmpty() || e.get().height() >= height) {
                hi = mid;
            } else {
                lo = e.get().offset() + 1;
            }
        }
        consumer.seek(partition, lo);
    }

    /** The last committed record, if the topic has any. */
    Optional<Entry> last() throws ClientException {
        long begin = consumer.beginningOffsets(List.of(partition)).get(partition);
        long end = endOffset();
        for (long back = 1; ; back *= 2) {
            long from = Math.max(begin, end - back);
            Optional<Entry> found = lastIn(from, end);
            if (found.isPresent() || from == begin) {
                return found;
            }
        }
    }

    /** The last record in offsets [from, end); markers and aborted records take offsets but are skipped. */
    private Optional<Entry> lastIn(long from, long end) throws ClientException {
        consumer.seek(partition, from);
        long deadline = System.nanoTime() + timeout.toNanos();
        Optional<Entry> found = Optional.empty();
        while (consumer.position(partition) < end) {
            for (Entry e : poll()) {
                if (e.offset() < end) {
                    found = Optional.of(e);
                }
            }
            requireBefore(deadline);
        }
        return found;
    }

    /** The next records from the current position (possibly none within one short poll). */
    List<Entry> poll() throws ClientException {
        List<Entry> out = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(POLL)) {
            out.add(entry(r));
        }
        return out;
    }

    private Optional<Entry> firstAtOrAfter(long offset, long end) throws ClientException {
        consumer.seek(partition, offset);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (consumer.position(partition) < end) {
            List<Entry> entries = poll();
            if (!entries.isEmpty()) {
                return Optional.of(entries.get(0));
            }
            requireBefore(deadline);
        }
        return Optional.empty();
    }

    private void requireBefore(long deadlineNanos) throws ClientException {
        if (System.nanoTime() > deadlineNanos) {
            throw new ClientException("no records arrived from " + partition.topic() + " within " + timeout
                    + ": check that Kafka is reachable (--bootstrap-servers) or raise --timeout");
        }
    }

    /** The end offset visible to read_committed readers (the last stable offset). */
    private long endOffset() {
        return consumer.endOffsets(List.of(partition)).get(partition);
    }

    private static Entry entry(ConsumerRecord<byte[], byte[]> r) throws ClientException {
        long height;
        BlockRecord record;
        try {
            height = BlockRecord.height(r.key());
            record = BlockRecord.fromJson(r.value());
        } catch (IllegalArgumentException e) {
            throw new ClientException("the record at offset " + r.offset() + " of " + r.topic()
                    + " is not a finalized-block record: " + e.getMessage(), e, Cli.EXIT_VERIFICATION_FAILED);
        }
        return new Entry(r.offset(), height, record);
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(1));
    }
}
