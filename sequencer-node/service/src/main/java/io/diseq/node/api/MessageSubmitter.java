package io.diseq.node.api;

import io.diseq.core.crypto.Keccak256;
import io.diseq.core.util.Bytes;
import io.diseq.node.config.KafkaSettings;
import io.diseq.node.http.ApiException;
import io.dropwizard.lifecycle.Managed;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Produces submitted messages to {@code <prefix>.messages.raw} (the seed's {@code /schedule}), keyed by
 * the message id (keccak256 of the bytes, as the ingest topology expects). The caller waits for the
 * broker's acknowledgement, so {@code linger.ms=0}; idempotence and {@code acks=all} keep a retried send
 * from duplicating the record (ingest de-duplicates by id in any case). A send that does not complete
 * within {@code kafka.requestTimeoutMs} is {@link ApiCode#UNAVAILABLE}: the client may retry.
 */
public final class MessageSubmitter implements Managed {
    private final KafkaSettings kafka;
    private volatile KafkaProducer<byte[], byte[]> producer;

    public MessageSubmitter(KafkaSettings kafka) {
        this.kafka = kafka;
    }

    @Override
    public void start() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, kafka.requestTimeoutMs());
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) kafka.requestTimeoutMs());
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) kafka.requestTimeoutMs());
        p.put(ProducerConfig.CLIENT_ID_CONFIG, kafka.topicPrefix() + "-http-submit");
        producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    }

    @Override
    public void stop() {
        KafkaProducer<byte[], byte[]> p = producer;
        if (p != null) {
            p.close(java.time.Duration.ofMillis(kafka.requestTimeoutMs()));
        }
    }

    /** Sends and waits for the acknowledgement; returns the message id. */
    public Bytes submit(byte[] message) {
        byte[] id = Keccak256.hash(message);
        try {
            producer.send(new ProducerRecord<>(kafka.rawTopic(), id, message))
                    .get(kafka.requestTimeoutMs(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(ApiCode.UNAVAILABLE, "interrupted while producing to " + kafka.rawTopic());
        } catch (ExecutionException | TimeoutException | org.apache.kafka.common.KafkaException e) {
            throw new ApiException(ApiCode.UNAVAILABLE, "could not produce to " + kafka.rawTopic() + ": " + e);
        }
        return Bytes.wrap(id);
    }
}
