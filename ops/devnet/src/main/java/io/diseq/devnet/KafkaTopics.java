package io.diseq.devnet;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/** Topic set-up the applications leave to the operator: the node does not create {@code <chain>.blocks}. */
public final class KafkaTopics {
    private KafkaTopics() {
    }

    /** Creates the topic (replication 1: a devnet has one broker) unless it exists. */
    public static void ensure(String bootstrap, String name, int partitions) throws DevnetException {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap, "default.api.timeout.ms", 30_000))) {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new DevnetException("cannot create topic " + name + ": " + e.getCause().getMessage(), e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DevnetException("interrupted while creating topic " + name, e);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new DevnetException("Kafka at " + bootstrap + " did not create topic " + name + " within 30 s", e);
        }
    }
}
