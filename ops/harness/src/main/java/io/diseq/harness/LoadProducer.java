package io.diseq.harness;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The open-loop load: a separate process that sends {@code rate} distinct messages of {@code size}
 * bytes per second to one topic for {@code duration} ms, on a schedule that does not wait for
 * acknowledgements (a slow system gets a queue, not a slower producer). Each record's timestamp is
 * its send time, which ingest carries into {@code <chain>.messages} (schemas/README.md): the
 * latency a consumer measures starts there. Keys are null, so the raw topic and the baseline topic
 * see the same producer.
 *
 * <p>Arguments: bootstrap, topic, rate per second, duration ms, message bytes, run tag, and optionally a file
 * that receives the numbers of the messages whose send failed (one a line; the fault runner's audit). Prints
 * {@code RESULT {"sent","failed","firstSendMs","lastSendMs","cpuSeconds","cpuAtStart","firstError"}}
 * (CPU seconds of the whole process, and at the first send: the difference leaves out JVM start-up).
 */
public final class LoadProducer {
    private static final long TICK_NANOS = 2_000_000;

    private LoadProducer() {
    }

    public static void main(String[] args) throws Exception {
        String bootstrap = args[0];
        String topic = args[1];
        double rate = Double.parseDouble(args[2]);
        long durationMs = Long.parseLong(args[3]);
        int size = Integer.parseInt(args[4]);
        String tag = args[5];
        SendTally tally = new SendTally();
        Queue<Long> failedNumbers = new ConcurrentLinkedQueue<>();
        long sent = 0;
        long first;
        long last;
        double cpuAtStart;
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config(bootstrap, 5, 64L << 20, 60_000))) {
            producer.partitionsFor(topic);
            cpuAtStart = ChildReport.ownCpuSeconds();
            first = System.currentTimeMillis();
            long start = System.nanoTime();
            long end = start + durationMs * 1_000_000;
            long now;
            while ((now = System.nanoTime()) < end) {
                long due = (long) ((now - start) / 1e9 * rate);
                for (; sent < due; sent++) {
                    long n = sent;
                    producer.send(new ProducerRecord<>(topic, null, System.currentTimeMillis(), null,
                            payload(tag, sent, size)), tally.callback(() -> failedNumbers.add(n)));
                }
                LockSupport.parkNanos(TICK_NANOS);
            }
            last = System.currentTimeMillis();
            producer.flush();
        }
        if (args.length > 6) { // the fault runner's audit: every message not in this file was acknowledged
            Files.write(Path.of(args[6]), failedNumbers.stream().sorted().map(String::valueOf).toList(),
                    StandardCharsets.US_ASCII);
        }
        ObjectNode result = ChildReport.result();
        tally.into(result).put("attempted", sent).put("cpuAtStart", cpuAtStart).put("firstSendMs", first)
                .put("lastSendMs", last);
        ChildReport.print(result);
    }

    /** "{tag} {n} " then filler up to {@code size} bytes: distinct messages, so distinct ids. */
    static byte[] payload(String tag, long n, int size) {
        byte[] head = (tag + " " + n + " ").getBytes(StandardCharsets.US_ASCII);
        byte[] body = Arrays.copyOf(head, Math.max(size, head.length));
        Arrays.fill(body, head.length, body.length, (byte) 'x');
        return body;
    }

    /** A byte-array producer for one broker, acks=all; the load and backlog producers differ in batching only. */
    static Map<String, Object> config(String bootstrap, int lingerMs, long bufferBytes, long maxBlockMs) {
        Map<String, Object> c = new HashMap<>();
        c.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        c.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        c.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        c.put(ProducerConfig.ACKS_CONFIG, "all");
        c.put(ProducerConfig.LINGER_MS_CONFIG, lingerMs);
        c.put(ProducerConfig.BATCH_SIZE_CONFIG, 65_536); // a batch must fit the topics' max.message.bytes (64 KiB + headroom)
        c.put(ProducerConfig.BUFFER_MEMORY_CONFIG, bufferBytes);
        c.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, maxBlockMs);
        return c;
    }

    /** Acknowledged and failed sends of a producer process, and the first error, for its RESULT line. */
    static final class SendTally {
        private final AtomicLong acked = new AtomicLong();
        private final AtomicLong failed = new AtomicLong();
        private final AtomicReference<String> firstError = new AtomicReference<>();

        /** A send's callback; {@code onFailure} runs once more for a failed send. */
        Callback callback(Runnable onFailure) {
            return (meta, e) -> {
                if (e == null) {
                    acked.incrementAndGet();
                } else {
                    failed.incrementAndGet();
                    onFailure.run();
                    firstError.compareAndSet(null, e.toString());
                }
            };
        }

        /** Puts "sent" (acknowledged), "failed" and "firstError" into {@code result}. */
        ObjectNode into(ObjectNode result) {
            return result.put("sent", acked.get()).put("failed", failed.get()).put("firstError", firstError.get());
        }
    }
}
