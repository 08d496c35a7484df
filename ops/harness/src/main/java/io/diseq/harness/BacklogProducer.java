package io.diseq.harness;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.diseq.core.crypto.Keccak256;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Fills the validated topic {@code <chain>.messages} with {@code count} distinct messages as fast as one producer
 * can, for the backlog probe ({@link BacklogProbe}): records as ingest writes them (key = keccak256 of the value,
 * schemas/README.md), so the validators read them as validated input without ingest's cost in the way.
 *
 * <p>Arguments: bootstrap, topic, count, message bytes, run tag. Prints
 * {@code RESULT {"sent","failed","firstSendMs","lastSendMs","cpuSeconds","firstError"}} once every send is acknowledged.
 */
public final class BacklogProducer {
    private BacklogProducer() {
    }

    public static void main(String[] args) throws Exception {
        String bootstrap = args[0];
        String topic = args[1];
        long count = Long.parseLong(args[2]);
        int size = Integer.parseInt(args[3]);
        String tag = args[4];
        AtomicLong acked = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicReference<String> firstError = new AtomicReference<>();
        long first;
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config(bootstrap))) {
            producer.partitionsFor(topic);
            first = System.currentTimeMillis();
            for (long n = 0; n < count; n++) {
                byte[] value = LoadProducer.payload(tag, n, size);
                producer.send(new ProducerRecord<>(topic, null, System.currentTimeMillis(), Keccak256.hash(value), value),
                        (meta, e) -> {
                            if (e == null) {
                                acked.incrementAndGet();
                            } else {
                                failed.incrementAndGet();
                                firstError.compareAndSet(null, e.toString());
                            }
                        });
            }
            producer.flush();
        }
        ObjectNode result = ChildReport.result();
        result.put("sent", acked.get()).put("failed", failed.get()).put("firstSendMs", first)
                .put("lastSendMs", System.currentTimeMillis()).put("firstError", firstError.get());
        ChildReport.print(result);
    }

    private static Map<String, Object> config(String bootstrap) {
        Map<String, Object> c = new HashMap<>();
        c.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        c.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        c.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        c.put(ProducerConfig.ACKS_CONFIG, "all");
        c.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        c.put(ProducerConfig.BATCH_SIZE_CONFIG, 65_536); // a batch must fit the topic's max.message.bytes (64 KiB + headroom)
        c.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 128L * 1024 * 1024);
        c.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 120_000);
        return c;
    }
}
