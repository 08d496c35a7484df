package io.diseq.ingest.topology;

import io.diseq.schemas.MessageId;
import io.diseq.schemas.RejectedRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Applies the {@link MessageCheck} to each raw record (docs/ingest.md §Validation). An accepted record
 * continues keyed by its 32-byte id, with the producer's headers dropped (they are not part of the
 * message); a rejected one continues with its original key and value and the reject headers of
 * schemas/README.md, so the rejected topic keeps the original bytes.
 */
final class ValidateProcessor implements Processor<MessageId, byte[], byte[], Checked> {
    private final MessageCheck check;
    private final IngestMetrics metrics;
    private ProcessorContext<byte[], Checked> context;

    ValidateProcessor(MessageCheck check, IngestMetrics metrics) {
        this.check = check;
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<byte[], Checked> context) {
        this.context = context;
    }

    @Override
    public void process(Record<MessageId, byte[]> record) {
        Verdict verdict = check.check(record.key(), record.value());
        if (verdict instanceof Verdict.Accept accept) {
            context.forward(new Record<>(accept.id().toBytes(), new Checked(true, record.value()),
                    record.timestamp(), new RecordHeaders()));
        } else if (verdict instanceof Verdict.Reject reject) {
            forwardRejected(record, reject);
        }
    }

    private void forwardRejected(Record<MessageId, byte[]> record, Verdict.Reject reject) {
        byte[] key = record.key() == null ? null : record.key().toBytes();
        RecordMetadata source = context.recordMetadata().orElseThrow(
                () -> new IllegalStateException("validation runs on source records only"));
        RejectedRecord rejected = new RejectedRecord(reject.code(), reject.detail(), source.topic(),
                source.partition(), source.offset(), key, record.value());
        metrics.rejected(reject.code());
        context.forward(new Record<>(key, new Checked(false, record.value()), record.timestamp(),
                rejected.toHeaders()));
    }
}
