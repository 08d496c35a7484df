package io.diseq.devnet;

import io.diseq.core.chain.ValidatorSet;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The devnet smoke scenario ({@link EndToEndScenario}) against Kafka and PostgreSQL in containers
 * (the official {@code apache/kafka} and {@code postgres} images, as in docker-compose.yml), with
 * ingest and four validators in this JVM. Skipped where no Docker engine exists.
 */
@Tag("integration")
@Testcontainers(disabledWithoutDocker = true)
class ContainersEndToEndTest {
    @Container
    static final KafkaContainer KAFKA = new KafkaContainer("apache/kafka:4.3.1")
            .withEnv("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", "1")
            .withEnv("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", "1");

    @Container
    static final PostgreSQLContainer POSTGRES = new PostgreSQLContainer("postgres:17")
            .withDatabaseName("diseq_v0").withUsername(NetworkSpec.DB_USER).withPassword(NetworkSpec.LOCAL_DB_PASSWORD);

    @TempDir
    Path dir;

    @Test
    void publishedMessagesAreFinalizedOnEveryValidatorAndOnTheBlockTopicWithVerifiableReceipts() throws Exception {
        NetworkSpec spec = NetworkSpec.local("containers", 4)
                .withPorts(KAFKA.getBootstrapServers(), TestPorts.freeSettings("containers").basePort(),
                        POSTGRES.getMappedPort(5432));
        createDatabases(spec);
        GeneratedNetwork network = new NetworkGenerator(spec, new SecureRandom()).generate(dir.resolve("network"));
        try (RunningDevnet apps = RunningDevnet.startApplicationsOnly(network, dir.resolve("logs"))) {
            ValidatorSet validators = Configs.node(network.validators().get(0).config()).chainConfig().validators();
            List<URI> rest = apps.endpoints().stream().map(ValidatorEndpoints::rest).toList();
            new EndToEndScenario(KAFKA.getBootstrapServers(), spec.chainId(), validators, rest)
                    .run(20, Duration.ofSeconds(90));
        }
    }

    /** One database per validator on the one PostgreSQL container (the first exists already). */
    private static void createDatabases(NetworkSpec spec) throws Exception {
        try (Connection c = DriverManager.getConnection(POSTGRES.getJdbcUrl(), POSTGRES.getUsername(),
                POSTGRES.getPassword()); Statement s = c.createStatement()) {
            for (int i = 1; i < spec.validators(); i++) {
                s.execute("CREATE DATABASE " + spec.databaseName(i));
            }
        }
    }
}
