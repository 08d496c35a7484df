package io.diseq.client;

import io.diseq.schemas.Topics;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Entry point of the client library: {@link #connect(ClientConfig)} checks that the brokers answer
 * and the chain's raw topic exists, so that a wrong address or chain id is a clear error before any
 * message is sent; {@link #publisher()} then sends messages.
 */
public final class DiseqClient {
    private final ClientConfig config;

    private DiseqClient(ClientConfig config) {
        this.config = config;
    }

    /**
     * @throws ClientException if no broker answers within the timeout, or the raw topic is missing
     */
    public static DiseqClient connect(ClientConfig config) throws ClientException, InterruptedException {
        DiseqClient client = new DiseqClient(config);
        client.checkReachable();
        return client;
    }

    public Topics topics() {
        return config.topics();
    }

    /** A new publisher to the raw topic; close it when done. */
    public Publisher publisher() {
        Map<String, Object> p = new HashMap<>(config.kafkaProperties());
        long timeoutMs = config.timeout().toMillis();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeoutMs);
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(timeoutMs, Integer.MAX_VALUE));
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) Math.min(2 * timeoutMs + 5, Integer.MAX_VALUE));
        return new Publisher(new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer()),
                config.topics().rawMessages().name());
    }

    private void checkReachable() throws ClientException, InterruptedException {
        requireTopic(config, config.topics().rawMessages().name());
    }

    /**
     * Checks that a broker answers and {@code topic} exists.
     *
     * @throws ClientException naming what to check if not
     */
    static void requireTopic(ClientConfig config, String topic) throws ClientException, InterruptedException {
        long timeoutMs = config.timeout().toMillis();
        try (Admin admin = Admin.create(adminProperties(config))) {
            admin.describeCluster().nodes().get(timeoutMs, TimeUnit.MILLISECONDS);
            admin.describeTopics(List.of(topic)).allTopicNames().get(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw unreachable(config, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                throw new ClientException("topic " + topic + " does not exist on " + config.bootstrapServers()
                        + ": check the chain id (--chain) and that the chain's topics were created (ingest creates"
                        + " them when it starts)", e);
            }
            if (e.getCause() instanceof org.apache.kafka.common.errors.TimeoutException) {
                throw unreachable(config, e);
            }
            throw new ClientException("Kafka at " + config.bootstrapServers() + " refused the request: "
                    + e.getCause().getMessage(), e);
        } catch (KafkaException e) {
            throw new ClientException("cannot connect to Kafka at " + config.bootstrapServers() + ": "
                    + e.getMessage() + " (check --bootstrap-servers)", e);
        }
    }

    private static ClientException unreachable(ClientConfig config, Exception cause) {
        return new ClientException("cannot reach Kafka at " + config.bootstrapServers() + " within "
                + seconds(config.timeout().toMillis()) + ": check --bootstrap-servers and that the brokers are running"
                + " (raise --timeout on a slow network)", cause);
    }

    private static Map<String, Object> adminProperties(ClientConfig config) {
        Map<String, Object> p = new HashMap<>(config.kafkaProperties());
        int timeoutMs = (int) Math.min(config.timeout().toMillis(), Integer.MAX_VALUE);
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeoutMs);
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMs);
        return p;
    }

    private static String seconds(long ms) {
        return ms % 1000 == 0 ? (ms / 1000) + "s" : ms + "ms";
    }
}
