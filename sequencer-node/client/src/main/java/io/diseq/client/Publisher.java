package io.diseq.client;

import io.diseq.core.crypto.Keccak256;
import io.diseq.schemas.MessageId;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Sends messages to {@code <chain>.messages.raw} (schemas/README.md, "Raw message record"): key =
 * the message id (keccak256 of the bytes, so every copy of a message lands on the same raw
 * partition), value = the bytes. Sends are asynchronous and idempotent (no duplicates from producer
 * retries); ingest still de-duplicates re-sends. Thread-safe.
 */
public final class Publisher implements AutoCloseable {
    private final Producer<byte[], byte[]> producer;
    private final String topic;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();

    Publisher(Producer<byte[], byte[]> producer, String topic) {
        this.producer = producer;
        this.topic = topic;
    }

    /**
     * Queues one message. The future completes with its id once the brokers acknowledged it, or
     * exceptionally (for example a timeout, or a message larger than the producer's max.request.size).
     */
    public CompletableFuture<MessageId> publish(byte[] message) {
        byte[] id = Keccak256.hash(message);
        CompletableFuture<MessageId> result = new CompletableFuture<>();
        try {
            producer.send(new ProducerRecord<>(topic, id, message), (metadata, error) -> {
                if (error == null) {
                    sent.incrementAndGet();
                    result.complete(MessageId.of(id));
                } else {
                    failed.incrementAndGet();
                    result.completeExceptionally(error);
                }
            });
        } catch (RuntimeException e) {
            failed.incrementAndGet();
            result.completeExceptionally(e);
        }
        return result;
    }

    /** Blocks until every queued message is acknowledged or failed. */
    public void flush() {
        producer.flush();
    }

    public String topic() {
        return topic;
    }

    /** Messages acknowledged so far. */
    public long sent() {
        return sent.get();
    }

    /** Messages that failed so far. */
    public long failed() {
        return failed.get();
    }

    /** Flushes, then closes the producer. */
    @Override
    public void close() {
        producer.close();
    }
}
