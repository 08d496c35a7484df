package io.diseq.ingest.topology;

import io.diseq.schemas.IngestRejectCode;
import io.diseq.schemas.RejectedRecord;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigException;

/**
 * Builds dead-letter records for the Streams error handlers and reads their configuration. The
 * handlers are instantiated by Kafka Streams from class names, so what they need arrives in the
 * streams configuration under the keys below (see {@link StreamsProperties}).
 */
final class DeadLetters {
    static final String REJECTED_TOPIC = "diseq.ingest.rejected.topic";
    static final String RAW_TOPIC = "diseq.ingest.raw.topic";
    static final String METRICS = "diseq.ingest.metrics";

    private DeadLetters() {}

    static ProducerRecord<byte[], byte[]> record(String rejectedTopic, IngestRejectCode code, Exception cause,
            String sourceTopic, int partition, long offset, long timestampMs, byte[] key, byte[] value) {
        String detail = cause.getClass().getSimpleName() + ": " + cause.getMessage();
        RejectedRecord rejected = new RejectedRecord(code, detail, sourceTopic, partition, offset, key, value);
        return new ProducerRecord<>(rejectedTopic, null, timestampMs < 0 ? null : timestampMs, key, value,
                rejected.toHeaders());
    }

    static String requiredString(Map<String, ?> configs, String key) {
        Object value = configs.get(key);
        if (!(value instanceof String s) || s.isEmpty()) {
            throw new ConfigException(key, value, "the ingest error handlers need this setting");
        }
        return s;
    }

    static IngestMetrics metrics(Map<String, ?> configs) {
        return configs.get(METRICS) instanceof IngestMetrics m ? m : IngestMetrics.NONE;
    }
}
