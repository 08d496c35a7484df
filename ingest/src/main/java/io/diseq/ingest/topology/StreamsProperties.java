package io.diseq.ingest.topology;

import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The Kafka Streams configuration ingest runs with (docs/ingest.md §Guarantees). Fixed here, not
 * overridable: exactly-once v2, the dead-letter handlers and read_committed (implied by EOS).
 */
public final class StreamsProperties {

    private StreamsProperties() {}

    /**
     * @param extra         further Kafka settings from the configuration (security, timeouts); they
     *                      cannot override the fixed ones
     * @param maxRequestBytes the producer's max.request.size: at least the largest rejected record
     *                      (a raw record of the raw topic's maximum plus reject headers)
     * @param instanceId    the static group membership id of this instance (null: dynamic membership)
     */
    public static Properties of(IngestSettings settings, IngestMetrics metrics, String bootstrapServers,
            String applicationId, String stateDir, int streamThreads, int replicationFactor,
            int maxRequestBytes, String instanceId, Map<String, String> extra) {
        Properties p = new Properties();
        p.putAll(extra);
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir);
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, streamThreads);
        p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, replicationFactor);
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        p.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterDeserializationHandler.class);
        p.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterProcessingHandler.class);
        // No global stores today; enabling it keeps the handler in force if one is added (the 5.0 default).
        p.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
        p.put(StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG), maxRequestBytes);
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG), maxRequestBytes);
        if (instanceId != null) {
            // Kafka Streams adds "-<thread index>" for each stream thread's main consumer.
            p.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG), instanceId);
        }
        p.put(DeadLetters.REJECTED_TOPIC, settings.topics().rejected().name());
        p.put(DeadLetters.RAW_TOPIC, settings.topics().rawMessages().name());
        p.put(DeadLetters.METRICS, metrics);
        return p;
    }
}
