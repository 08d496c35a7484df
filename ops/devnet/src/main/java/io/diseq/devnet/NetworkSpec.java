package io.diseq.devnet;

import io.diseq.schemas.Topics;
import java.util.Objects;

/**
 * What to generate: chain id, number of validators and where the network runs. Ports of the
 * {@link Layout#LOCAL} layout derive from {@code basePort}: ingest takes {@code basePort} (HTTP) and
 * {@code basePort + 1} (admin); validator i takes {@code basePort + 10(i+1)} (HTTP), the next port (admin) and the one after (gossip).
 *
 * @param kafkaBootstrap bootstrap servers written into every config ({@link Layout#COMPOSE} ignores it)
 * @param postgresPort port of the devnet's PostgreSQL server ({@link Layout#LOCAL} only)
 * @param partitions partitions of the raw and ordered message topics
 */
public record NetworkSpec(String chainId, int validators, Layout layout, long genesisTimeMs, String kafkaBootstrap,
                          int basePort, int postgresPort, int partitions) {
    public static final int MIN_VALIDATORS = 4;
    public static final int MAX_VALIDATORS = 16;
    public static final String DB_USER = "diseq";
    /** The devnet's local-only database password; compose takes the password from the environment. */
    public static final String LOCAL_DB_PASSWORD = "diseq";

    public NetworkSpec {
        Objects.requireNonNull(layout, "layout");
        Topics.forChain(chainId);
        if (validators < MIN_VALIDATORS || validators > MAX_VALIDATORS) {
            throw new IllegalArgumentException("validators must be between " + MIN_VALIDATORS + " and "
                    + MAX_VALIDATORS + ", got " + validators);
        }
        if (basePort < 1024 || basePort + 10 * (validators + 1) > 65_535) {
            throw new IllegalArgumentException("base port " + basePort + " leaves no room for " + validators
                    + " validators");
        }
        if (partitions < 1 || partitions > 64) {
            throw new IllegalArgumentException("partitions must be between 1 and 64, got " + partitions);
        }
        Objects.requireNonNull(kafkaBootstrap, "kafkaBootstrap");
    }

    /** The devnet defaults: 4 validators, ports from 8080, Kafka on 9092, PostgreSQL on 5433. */
    public static NetworkSpec local(String chainId, int validators) {
        return new NetworkSpec(chainId, validators, Layout.LOCAL, 1_767_225_600_000L, "localhost:9092", 8080, 5433, 3);
    }

    public static NetworkSpec compose(String chainId, int validators) {
        return new NetworkSpec(chainId, validators, Layout.COMPOSE, 1_767_225_600_000L,
                Layout.COMPOSE_KAFKA_BOOTSTRAP, 8080, 5432, 3);
    }

    public NetworkSpec withPorts(String kafkaBootstrap, int basePort, int postgresPort) {
        return new NetworkSpec(chainId, validators, layout, genesisTimeMs, kafkaBootstrap, basePort, postgresPort,
                partitions);
    }

    public String validatorId(int index) {
        return "v" + index;
    }

    public String bootstrap() {
        return layout == Layout.COMPOSE ? Layout.COMPOSE_KAFKA_BOOTSTRAP : kafkaBootstrap;
    }

    public String host(int index) {
        return layout == Layout.COMPOSE ? validatorId(index) : "localhost";
    }

    public int httpPort(int index) {
        return layout == Layout.COMPOSE ? Layout.COMPOSE_HTTP_PORT : basePort + 10 * (index + 1);
    }

    public int adminPort(int index) {
        return layout == Layout.COMPOSE ? Layout.COMPOSE_ADMIN_PORT : basePort + 10 * (index + 1) + 1;
    }

    /** The gossip server port of validator i (its gossip URL and block sync; docs/operations-node.md §Connectors). */
    public int gossipPort(int index) {
        return layout == Layout.COMPOSE ? Layout.COMPOSE_GOSSIP_PORT : basePort + 10 * (index + 1) + 2;
    }

    public int ingestHttpPort() {
        return layout == Layout.COMPOSE ? Layout.COMPOSE_INGEST_HTTP_PORT : basePort;
    }

    public int ingestAdminPort() {
        return layout == Layout.COMPOSE ? Layout.COMPOSE_INGEST_ADMIN_PORT : basePort + 1;
    }

    public String gossipUrl(int index) {
        return "http://" + host(index) + ":" + gossipPort(index) + "/internal/gossip";
    }

    /** Database name of validator i on the devnet's shared server ({@link Layout#LOCAL}). */
    public String databaseName(int index) {
        return "diseq_" + validatorId(index);
    }

    /** The compose service name of validator i's PostgreSQL. */
    public String postgresService(int index) {
        return "pg-" + validatorId(index);
    }

    public String jdbcUrl(int index) {
        return layout == Layout.COMPOSE
                ? "jdbc:postgresql://" + postgresService(index) + ":5432/diseq"
                : "jdbc:postgresql://localhost:" + postgresPort + "/" + databaseName(index);
    }
}
