package io.diseq.harness;

import com.fasterxml.jackson.databind.JsonNode;
import io.diseq.core.chain.BlockHeader;
import io.diseq.core.chain.PartitionRange;
import io.diseq.core.util.Hex;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLongArray;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The user's view of finality. One consumer reads {@code <chain>.messages} (read_committed, from the
 * start) and keeps each record's timestamp (its send time at the producer) by partition and offset,
 * plus a sample of message ids for the receipt probe. A second reads {@code <chain>.blocks}; each
 * block record's arrival time minus the send time of every message its header's offset ranges name
 * (schemas/README.md, finalized-block record) is one produce → finalized latency. A latency goes to
 * the window (a load step) in which the message was sent: the last one opened at or before its send time.
 */
final class FinalityMonitor implements AutoCloseable {
    private static final int ID_SAMPLE = 100_000;

    private final KafkaConsumer<byte[], byte[]> messages;
    private final KafkaConsumer<byte[], byte[]> blocks;
    private final int partitions;
    private final long epochMs = System.currentTimeMillis();
    /** Send time + 1 - epoch, by partition then offset; 0 where no record (a transaction marker). */
    private final int[][] sendTimes;
    private final AtomicLongArray readUpTo;
    private final List<Window> windows = new ArrayList<>();
    private final List<long[]> blockArrivals = new ArrayList<>();
    private final List<SampledId> idSample = new ArrayList<>();
    /** Per partition, the end of the highest offset range of a finalized block. */
    private final long[] finalizedEnd;
    private final Random random = new Random(12);
    private final Thread messageThread;
    private final Thread blockThread;
    private volatile boolean running = true;
    private long messagesSeen;
    private long finalized;
    private long height;

    /** One load step: latencies of the messages sent after {@code startMs}. */
    static final class Window {
        final long startMs;
        final Histogram latencyMs = ChildReport.latencyHistogramMs();

        Window(long startMs) {
            this.startMs = startMs;
        }
    }

    FinalityMonitor(String bootstrap, String messagesTopic, String blocksTopic, int partitions) {
        this.partitions = partitions;
        this.sendTimes = new int[partitions][];
        Arrays.setAll(sendTimes, p -> new int[1 << 16]);
        this.readUpTo = new AtomicLongArray(partitions);
        this.finalizedEnd = new long[partitions];
        this.messages = consumer(bootstrap);
        this.blocks = consumer(bootstrap);
        List<TopicPartition> tps = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            tps.add(new TopicPartition(messagesTopic, p));
        }
        messages.assign(tps);
        messages.seekToBeginning(tps);
        TopicPartition blockPartition = new TopicPartition(blocksTopic, 0);
        blocks.assign(List.of(blockPartition));
        blocks.seekToBeginning(List.of(blockPartition));
        messageThread = new Thread(this::readMessages, "monitor-messages");
        blockThread = new Thread(this::readBlocks, "monitor-blocks");
        messageThread.setDaemon(true);
        blockThread.setDaemon(true);
        messageThread.start();
        blockThread.start();
    }

    /** Opens a window at the current time; later sends count in it. */
    synchronized Window openWindow() {
        Window w = new Window(System.currentTimeMillis());
        windows.add(w);
        return w;
    }

    /** Messages in all finalized blocks seen so far. */
    synchronized long finalizedMessages() {
        return finalized;
    }

    synchronized long height() {
        return height;
    }

    /** Messages of the blocks whose records arrived in [fromMs, toMs). */
    synchronized long finalizedBetween(long fromMs, long toMs) {
        return Arrays.stream(blockSizesBetween(fromMs, toMs)).sum();
    }

    /** The message counts of the blocks whose records arrived in [fromMs, toMs), in arrival order. */
    synchronized long[] blockSizesBetween(long fromMs, long toMs) {
        return blockArrivals.stream().filter(b -> b[0] >= fromMs && b[0] < toMs).mapToLong(b -> b[1]).toArray();
    }

    /**
     * Message ids (32 bytes) of finalized messages: those of a uniform sample of up to {@value #ID_SAMPLE}
     * of everything read whose offset lies below the partition's finalized ranges.
     */
    synchronized List<byte[]> finalizedIdSample() {
        return idSample.stream().filter(s -> s.offset() < finalizedEnd[s.partition()]).map(SampledId::id).toList();
    }

    private record SampledId(int partition, long offset, byte[] id) {
    }

    private void readMessages() {
        try {
            while (running) {
                for (ConsumerRecord<byte[], byte[]> r : messages.poll(Duration.ofMillis(200))) {
                    store(r.partition(), r.offset(), r.timestamp());
                    sample(r.partition(), r.offset(), r.key());
                }
                for (TopicPartition tp : messages.assignment()) {
                    readUpTo.set(tp.partition(), messages.position(tp));
                }
            }
        } catch (WakeupException e) {
            // close()
        } finally {
            messages.close(Duration.ofSeconds(5));
        }
    }

    private void store(int partition, long offset, long timestampMs) {
        int[] times = sendTimes[partition];
        if (offset >= times.length) {
            times = Arrays.copyOf(times, (int) Math.min(Integer.MAX_VALUE - 8, Math.max(offset + 1, 2L * times.length)));
            sendTimes[partition] = times;
        }
        times[(int) offset] = (int) (timestampMs - epochMs + 1);
    }

    private synchronized void sample(int partition, long offset, byte[] key) {
        messagesSeen++;
        if (key == null || key.length != 32) {
            return;
        }
        SampledId id = new SampledId(partition, offset, key);
        if (idSample.size() < ID_SAMPLE) {
            idSample.add(id);
        } else {
            long slot = (long) (random.nextDouble() * messagesSeen);
            if (slot < ID_SAMPLE) {
                idSample.set((int) slot, id);
            }
        }
    }

    private void readBlocks() {
        Deque<Pending> pending = new ArrayDeque<>();
        try {
            while (running) {
                for (ConsumerRecord<byte[], byte[]> r : blocks.poll(Duration.ofMillis(50))) {
                    parse(r.value(), System.currentTimeMillis()).ifPresent(pending::addLast);
                }
                while (!pending.isEmpty() && readable(pending.peekFirst())) {
                    account(pending.removeFirst());
                }
            }
        } catch (WakeupException e) {
            // close()
        } finally {
            blocks.close(Duration.ofSeconds(5));
        }
    }

    private record Pending(long arrivalMs, BlockHeader header) {
    }

    private static java.util.Optional<Pending> parse(byte[] value, long arrivalMs) {
        try {
            JsonNode block = ChildReport.JSON.readTree(value);
            return java.util.Optional.of(new Pending(arrivalMs, BlockHeader.decode(Hex.decode(block.path("header")
                    .asText()))));
        } catch (IOException | RuntimeException e) {
            return java.util.Optional.empty(); // not a block record: nothing to measure
        }
    }

    private boolean readable(Pending block) {
        for (PartitionRange range : block.header().ranges()) {
            if (range.partition() < partitions && readUpTo.get(range.partition()) < range.endOffset()) {
                return false;
            }
        }
        return true;
    }

    private synchronized void account(Pending block) {
        for (PartitionRange range : block.header().ranges()) {
            if (range.partition() >= partitions) {
                continue;
            }
            finalizedEnd[range.partition()] = Math.max(finalizedEnd[range.partition()], range.endOffset());
            int[] times = sendTimes[range.partition()];
            for (long o = range.firstOffset(); o < range.endOffset() && o < times.length; o++) {
                if (times[(int) o] != 0) {
                    long sentMs = epochMs + times[(int) o] - 1;
                    Window w = windowOf(sentMs);
                    if (w != null) {
                        w.latencyMs.recordValue(Math.max(0, Math.min(block.arrivalMs() - sentMs,
                                w.latencyMs.getHighestTrackableValue())));
                    }
                }
            }
        }
        finalized += block.header().messageCount();
        height = Math.max(height, block.header().height());
        blockArrivals.add(new long[] {block.arrivalMs(), block.header().messageCount()});
    }

    private Window windowOf(long sentMs) {
        for (int i = windows.size() - 1; i >= 0; i--) {
            if (windows.get(i).startMs <= sentMs) {
                return windows.get(i);
            }
        }
        return null;
    }

    private static KafkaConsumer<byte[], byte[]> consumer(String bootstrap) {
        Map<String, Object> c = new HashMap<>();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        c.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10_000);
        return new KafkaConsumer<>(c, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        messages.wakeup();
        blocks.wakeup();
        messageThread.join(10_000);
        blockThread.join(10_000);
    }
}
