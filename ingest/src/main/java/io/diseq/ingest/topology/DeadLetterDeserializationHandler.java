package io.diseq.ingest.topology;

import io.diseq.schemas.IngestRejectCode;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.LoggerFactory;

/**
 * A record that cannot be deserialized (on the raw topic: a key that is neither null nor 32 bytes)
 * is written to the rejected topic with its original bytes, in the same transaction as the input
 * offset, and the stream resumes: a poison record never stops ingest (docs/ingest.md §Validation).
 * Each one is counted ({@code diseq.ingest.rejected.<CODE>}) and logged as one line without a stack trace, at
 * most one line per 10 s ({@link RateLimitedLog}); Kafka Streams' own per-record WARN with the stack
 * trace ({@link #STREAMS_SKIP_LOGGER}) is turned down to ERROR by the application.
 */
public final class DeadLetterDeserializationHandler implements DeserializationExceptionHandler {
    /** Kafka Streams' own logger for skipped records, which would log every one with its stack trace. */
    public static final String STREAMS_SKIP_LOGGER = "org.apache.kafka.streams.processor.internals.RecordQueue";
    private static final long LOG_INTERVAL_MS = 10_000;
    private static final RateLimitedLog LOG = new RateLimitedLog(
            LoggerFactory.getLogger(DeadLetterDeserializationHandler.class), LOG_INTERVAL_MS, System::nanoTime);

    private String rejectedTopic;
    private String rawTopic;
    private IngestMetrics metrics = IngestMetrics.NONE;

    @Override
    public void configure(Map<String, ?> configs) {
        rejectedTopic = DeadLetters.requiredString(configs, DeadLetters.REJECTED_TOPIC);
        rawTopic = DeadLetters.requiredString(configs, DeadLetters.RAW_TOPIC);
        metrics = DeadLetters.metrics(configs);
    }

    @Override
    public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception e) {
        // Only keys can fail on the raw topic (values are plain bytes); anywhere else it is a fault.
        IngestRejectCode code = record.topic().equals(rawTopic)
                ? IngestRejectCode.MALFORMED_KEY : IngestRejectCode.PROCESSING_ERROR;
        metrics.rejected(code);
        LOG.warn("dead-lettered " + code + " record " + record.topic() + "-" + record.partition() + "@"
                + record.offset() + " (key " + (record.key() == null ? "null" : record.key().length + " bytes")
                + "): " + e.getClass().getSimpleName());
        return Response.resume(List.of(DeadLetters.record(rejectedTopic, code, e, record.topic(),
                record.partition(), record.offset(), record.timestamp(), record.key(), record.value())));
    }
}
