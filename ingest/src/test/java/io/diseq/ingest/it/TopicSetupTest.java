package io.diseq.ingest.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.diseq.ingest.topics.TopicMismatchException;
import io.diseq.ingest.topics.TopicRequirement;
import io.diseq.ingest.topics.TopicSetup;
import io.diseq.schemas.CleanupPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Start-up topic creation and verification against a real broker, and the service refusing a wrong layout. */
@Tag("integration")
class TopicSetupTest {
    private static KafkaTestCluster kafka;
    private static Admin admin;

    @TempDir
    Path dir;

    @BeforeAll
    static void startKafka() throws Exception {
        kafka = KafkaTestCluster.start();
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
    }

    @AfterAll
    static void stopKafka() throws Exception {
        if (admin != null) {
            admin.close(Duration.ofSeconds(5));
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    private static TopicRequirement requirement(String name, int partitions) {
        return new TopicRequirement(name, partitions, (short) 1, 1, CleanupPolicy.DELETE, 86_400_000L, 100_000);
    }

    @Test
    void missingTopicsAreCreatedAsRequiredAndThenVerify() throws Exception {
        TopicSetup setup = new TopicSetup(admin, Duration.ofSeconds(20));
        List<TopicRequirement> wanted = List.of(requirement("ok.messages", 4), requirement("ok.messages.raw", 2));
        setup.ensure(wanted, true);
        TopicDescription d = admin.describeTopics(List.of("ok.messages")).allTopicNames().get().get("ok.messages");
        assertThat(d.partitions()).hasSize(4);
        var config = admin.describeConfigs(List.of(new ConfigResource(ConfigResource.Type.TOPIC, "ok.messages")))
                .all().get().values().iterator().next();
        assertThat(config.get("cleanup.policy").value()).isEqualTo("delete");
        assertThat(config.get("retention.ms").value()).isEqualTo("86400000");
        setup.ensure(wanted, false);
    }

    @Test
    void aCompactedTopicWithTheWrongPartitionCountIsAClearError() throws Exception {
        admin.createTopics(List.of(new NewTopic("bad.messages", 1, (short) 1)
                .configs(Map.of("cleanup.policy", "compact")))).all().get();
        TopicSetup setup = new TopicSetup(admin, Duration.ofSeconds(20));
        assertThatThrownBy(() -> setup.ensure(List.of(requirement("bad.messages", 3)), true))
                .isInstanceOf(TopicMismatchException.class)
                .satisfies(e -> assertThat(((TopicMismatchException) e).problems()).hasSize(4))
                .hasMessageContaining("bad.messages: has 1 partitions, the configuration says 3")
                .hasMessageContaining("bad.messages: cleanup.policy is compact, the configuration says delete")
                .hasMessageContaining("retention.ms").hasMessageContaining("max.message.bytes");
    }

    @Test
    void aMissingTopicIsAnErrorWhenCreationIsOff() {
        TopicSetup setup = new TopicSetup(admin, Duration.ofSeconds(20));
        assertThatThrownBy(() -> setup.ensure(List.of(requirement("absent.messages", 1)), false))
                .isInstanceOf(TopicMismatchException.class)
                .hasMessageContaining("absent.messages: does not exist");
    }

    @Test
    void theServiceRefusesToStartOnAMismatchAndSaysWhy() throws Exception {
        admin.createTopics(List.of(new NewTopic("wrong.messages", 1, (short) 1)
                .configs(Map.of("cleanup.policy", "compact")))).all().get();
        Path config = IngestConfigFile.write(dir, "wrong", kafka.bootstrapServers(), dir.resolve("state"), 0);
        IngestProcess process = IngestProcess.start(config, dir.resolve("wrong.log"));
        int exit = process.waitForExit(60);
        assertThat(exit).as(process.logTail()).isNotIn(0, -1);
        assertThat(process.logText()).contains("Kafka topics do not match the configuration")
                .contains("wrong.messages: cleanup.policy is compact");
    }
}
