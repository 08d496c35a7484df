package io.diseq.harness;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.diseq.core.crypto.Keccak256;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

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
        LoadProducer.SendTally tally = new LoadProducer.SendTally();
        long first;
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(LoadProducer.config(bootstrap, 20, 128L << 20,
                120_000))) {
            producer.partitionsFor(topic);
            first = System.currentTimeMillis();
            for (long n = 0; n < count; n++) {
                byte[] value = LoadProducer.payload(tag, n, size);
                producer.send(new ProducerRecord<>(topic, null, System.currentTimeMillis(), Keccak256.hash(value), value),
                        tally.callback(() -> { }));
            }
            producer.flush();
        }
        ObjectNode result = ChildReport.result();
        tally.into(result).put("firstSendMs", first).put("lastSendMs", System.currentTimeMillis());
        ChildReport.print(result);
    }
}
