package io.diseq.node.testing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real, in-process Kafka 4.3.1 cluster (KRaft, one combined broker/controller) per test class,
 * via {@link KafkaClusterTestKit}. Register it as a static {@code @RegisterExtension}; when a test
 * class also runs Dropwizard apps, give this extension the LOWER {@code @Order} so that it starts
 * first and stops last. Single-broker settings make transactions work with replication factor 1.
 */
public final class KafkaExtension implements BeforeAllCallback, AfterAllCallback {
    private final Map<String, Integer> initialTopics = new java.util.LinkedHashMap<>();
    private KafkaClusterTestKit cluster;
    private Admin admin;

    /** A topic created as soon as the broker is up, before later-ordered extensions start. */
    public KafkaExtension withTopic(String name, int partitions) {
        initialTopics.put(name, partitions);
        return this;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        TestKitNodes nodes = new TestKitNodes.Builder().setCombined(true)
                .setNumBrokerNodes(1).setNumControllerNodes(1).build();
        cluster = new KafkaClusterTestKit.Builder(nodes)
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("transaction.state.log.replication.factor", "1")
                .setConfigProp("transaction.state.log.min.isr", "1")
                .setConfigProp("transaction.state.log.num.partitions", "4")
                .setConfigProp("offsets.topic.num.partitions", "4")
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                .build();
        cluster.format();
        cluster.startup();
        cluster.waitForReadyBrokers();
        admin = Admin.create(Map.of("bootstrap.servers", cluster.bootstrapServers()));
        initialTopics.forEach(this::createTopic);
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (admin != null) {
            admin.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    public String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    public void createTopic(String name, int partitions) {
        try {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot create topic " + name, e);
        }
    }

    /** An idempotent producer that sends each record synchronously (linger.ms=0). */
    /** Grows a topic to {@code partitions} partitions, as an operator scaling the input would. */
    public void addPartitions(String name, int partitions) {
        try {
            admin.createPartitions(Map.of(name, NewPartitions.increaseTo(partitions))).all().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not grow " + name + " to " + partitions + " partitions", e);
        }
    }

    public KafkaProducer<byte[], byte[]> producer() {
        return new KafkaProducer<>(producerConfig(Map.of()));
    }

    public Map<String, Object> producerConfig(Map<String, Object> extra) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.putAll(extra);
        return config;
    }

    /** Sends and waits for each record; values are placed on the given partition. */
    public void produce(String topic, int partition, List<byte[]> values) {
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            for (byte[] v : values) {
                producer.send(new ProducerRecord<>(topic, partition, null, v)).get(30, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot produce to " + topic, e);
        }
    }

    /** Every committed record of every partition of the topic, read from the beginning to the end. */
    public List<ConsumerRecord<byte[], byte[]>> readAllCommitted(String topic) {
        return readAll(topic, "read_committed");
    }

    /** Every record of the topic, including those of aborted and open transactions. */
    public List<ConsumerRecord<byte[], byte[]>> readAllUncommitted(String topic) {
        return readAll(topic, "read_uncommitted");
    }

    private List<ConsumerRecord<byte[], byte[]>> readAll(String topic, String isolation) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config)) {
            List<TopicPartition> tps = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(tps);
            consumer.seekToBeginning(tps);
            Map<TopicPartition, Long> end = consumer.endOffsets(tps);
            List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (tps.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("could not read " + topic + " to its end");
                }
                consumer.poll(java.time.Duration.ofMillis(100)).forEach(out::add);
            }
            return out;
        }
    }

    public Set<String> topics() {
        try {
            return admin.listTopics().names().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
