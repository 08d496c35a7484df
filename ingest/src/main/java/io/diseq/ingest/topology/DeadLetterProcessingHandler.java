package io.diseq.ingest.topology;

import io.diseq.schemas.IngestRejectCode;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;

/**
 * An unexpected exception while processing one record dead-letters that record's source bytes with
 * {@link IngestRejectCode#PROCESSING_ERROR} instead of stopping the stream. The source position
 * names the topic the failing processor read (the raw topic, or the by-id repartition topic).
 */
public final class DeadLetterProcessingHandler implements ProcessingExceptionHandler {
    private String rejectedTopic;
    private IngestMetrics metrics = IngestMetrics.NONE;

    @Override
    public void configure(Map<String, ?> configs) {
        rejectedTopic = DeadLetters.requiredString(configs, DeadLetters.REJECTED_TOPIC);
        metrics = DeadLetters.metrics(configs);
    }

    @Override
    public Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception e) {
        metrics.rejected(IngestRejectCode.PROCESSING_ERROR);
        return Response.resume(List.of(DeadLetters.record(rejectedTopic, IngestRejectCode.PROCESSING_ERROR, e,
                context.topic(), context.partition(), context.offset(), context.timestamp(),
                context.sourceRawKey(), context.sourceRawValue())));
    }
}
