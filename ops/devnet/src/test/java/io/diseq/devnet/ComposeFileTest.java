package io.diseq.devnet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.diseq.ingest.app.IngestConfiguration;
import io.diseq.node.config.NodeConfiguration;
import io.dropwizard.db.DataSourceFactory;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docker-compose.yml checked without a Docker engine: every service agrees with the configurations
 * the generator writes for the compose layout (and so with the node's and ingest's configuration
 * classes, which load them): gossip hosts and ports, database hosts, names and credentials, mounted
 * config and key paths, environment variables, the Kafka listener, the block topic, Prometheus
 * targets and the Grafana provisioning.
 */
@Tag("unit")
class ComposeFileTest {
    private static final Path ROOT = Path.of("../..");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final String MOUNTED_NETWORK = "./ops/compose/network/";
    private static final Pattern ENV_REF = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(:-[^}]*)?}");

    @TempDir
    static Path dir;
    static GeneratedNetwork network;
    static JsonNode services;

    @BeforeAll
    static void generateAndParse() throws IOException {
        network = new NetworkGenerator(NetworkSpec.compose("devnet", 4), new SecureRandom()).generate(dir);
        services = YAML.readTree(ROOT.resolve("docker-compose.yml").toFile()).path("services");
    }

    @Test
    void everyValidatorServiceMatchesItsGeneratedConfig() throws IOException {
        for (GeneratedNetwork.ValidatorFiles v : network.validators()) {
            NodeConfiguration config = Configs.node(v.config());
            URI gossip = URI.create(config.chainConfig().validators().get(v.index()).gossipUrl());
            JsonNode service = service(gossip.getHost());
            assertThat(containerPorts(service)).as("ports of %s", v.id())
                    .contains(NetworkGeneratorTest.appPort(config)).doesNotContain(gossip.getPort());
            assertThat(config.gossipServer().build().port()).isEqualTo(gossip.getPort());

            String configPath = service.path("command").get(1).asText();
            assertThat(service.path("command").get(0).asText()).isEqualTo("server");
            assertThat(mountTarget(service, MOUNTED_NETWORK + "nodes/" + v.id() + ".yml")).isEqualTo(configPath);
            assertThat(mountTarget(service, MOUNTED_NETWORK + "keys/" + v.id() + ".key")).isEqualTo(config.keyFile());
            assertThat(service.path("build").path("target").asText()).isEqualTo("node");
            assertEnvironmentCovers(service, v.config());
            assertDatabaseService(service, config.database());
            assertThat(service.path("depends_on").has("kafka-init")).isTrue();
        }
    }

    @Test
    void kafkaAdvertisesTheBootstrapTheConfigsUseAndTheBlockTopicIsCreatedWithOnePartition() {
        NodeConfiguration config = Configs.node(network.validators().get(0).config());
        String bootstrap = config.kafkaSettings().bootstrapServers();
        String host = bootstrap.substring(0, bootstrap.indexOf(':'));
        JsonNode kafka = service(host);
        assertThat(kafka.path("image").asText()).startsWith("apache/kafka:");
        assertThat(kafka.path("environment").path("KAFKA_ADVERTISED_LISTENERS").asText()).contains("PLAINTEXT://" + bootstrap);
        assertThat(kafka.path("environment").path("KAFKA_PROCESS_ROLES").asText()).isEqualTo("broker,controller");

        List<String> init = strings(service("kafka-init").path("command"));
        assertThat(init).containsSubsequence("--topic", config.kafkaSettings().blocksTopic());
        assertThat(init).containsSubsequence("--partitions", "1");
        assertThat(init).containsSubsequence("--bootstrap-server", bootstrap);
    }

    @Test
    void ingestServiceMatchesItsGeneratedConfig() throws IOException {
        IngestConfiguration config = Configs.ingest(network.ingestConfig());
        JsonNode ingest = service("ingest");
        assertThat(mountTarget(ingest, MOUNTED_NETWORK + "ingest.yml")).isEqualTo(ingest.path("command").get(1).asText());
        assertThat(volumeTargets(ingest)).contains(config.kafka.stateDir);
        assertThat(config.kafka.bootstrapServers).isEqualTo(Layout.COMPOSE_KAFKA_BOOTSTRAP);
        assertThat(containerPorts(ingest)).contains(Layout.COMPOSE_INGEST_HTTP_PORT);
        assertThat(ingest.path("healthcheck").path("test").toString()).contains(":" + Layout.COMPOSE_INGEST_ADMIN_PORT + "/healthcheck");
        assertEnvironmentCovers(ingest, network.ingestConfig());
    }

    @Test
    void prometheusScrapesEveryAdminPortAndGrafanaIsProvisioned() throws IOException {
        JsonNode prometheus = YAML.readTree(ROOT.resolve("ops/prometheus/prometheus.yml").toFile());
        List<String> targets = new ArrayList<>();
        prometheus.path("scrape_configs").forEach(job -> job.path("static_configs")
                .forEach(s -> targets.addAll(strings(s.path("targets")))));
        for (GeneratedNetwork.ValidatorFiles v : network.validators()) {
            NodeConfiguration config = Configs.node(v.config());
            assertThat(targets).contains(v.id() + ":" + NetworkGeneratorTest.adminPort(config));
            assertThat(NetworkGeneratorTest.adminConnector(config).getBindHost()).isEqualTo("0.0.0.0");
        }
        assertThat(targets).contains("ingest:" + Layout.COMPOSE_INGEST_ADMIN_PORT);

        JsonNode grafana = service("grafana");
        assertThat(mountTarget(grafana, "./ops/grafana/dashboards")).isEqualTo("/var/lib/grafana/dashboards");
        JsonNode provider = YAML.readTree(ROOT.resolve("ops/grafana/provisioning/dashboards/diseq.yml").toFile());
        assertThat(provider.path("providers").get(0).path("options").path("path").asText()).isEqualTo("/var/lib/grafana/dashboards");
        JsonNode dashboard = new ObjectMapper().readTree(ROOT.resolve("ops/grafana/dashboards/diseq.json").toFile());
        assertThat(dashboard.path("panels")).allSatisfy(p -> assertThat(p.path("targets").size()).isPositive());
    }

    @Test
    void everyRepositoryFileTheComposeFileMountsExists() {
        services.fields().forEachRemaining(e -> e.getValue().path("volumes").forEach(volume -> {
            String source = volume.asText().split(":")[0];
            if (source.startsWith("./") && !source.startsWith(MOUNTED_NETWORK)) {
                assertThat(ROOT.resolve(source)).as("mounted by %s", e.getKey()).exists();
            }
        }));
        assertThat(ROOT.resolve("ops/docker/Dockerfile")).exists();
    }

    private void assertDatabaseService(JsonNode validator, DataSourceFactory database) {
        URI url = URI.create(database.getUrl().substring("jdbc:".length()));
        JsonNode pg = service(url.getHost());
        JsonNode env = pg.path("environment");
        assertThat(pg.path("image").asText()).startsWith("postgres:");
        assertThat(url.getPort()).isEqualTo(5432);
        assertThat(env.path("POSTGRES_DB").asText()).isEqualTo(url.getPath().substring(1));
        assertThat(env.path("POSTGRES_USER").asText()).isEqualTo(database.getUser());
        Matcher ref = ENV_REF.matcher(database.getPassword());
        assertThat(ref.matches()).as("password comes from the environment").isTrue();
        assertThat(validator.path("environment").path(ref.group(1)).asText()).isEqualTo(env.path("POSTGRES_PASSWORD").asText());
        assertThat(validator.path("depends_on").has(url.getHost())).isTrue();
    }

    /** Every ${VAR} without a default in the generated file is set in the service's environment. */
    private static void assertEnvironmentCovers(JsonNode service, Path configFile) throws IOException {
        Matcher m = ENV_REF.matcher(Files.readString(configFile));
        while (m.find()) {
            if (m.group(2) == null) {
                assertThat(service.path("environment").has(m.group(1))).as("%s sets %s", configFile, m.group(1)).isTrue();
            }
        }
    }

    private static JsonNode service(String name) {
        JsonNode service = services.path(name);
        assertThat(service.isMissingNode()).as("compose service %s", name).isFalse();
        return service;
    }

    private static List<Integer> containerPorts(JsonNode service) {
        List<Integer> ports = new ArrayList<>();
        service.path("ports").forEach(p -> {
            String[] parts = p.asText().split(":");
            ports.add(Integer.parseInt(parts[parts.length - 1]));
        });
        return ports;
    }

    private static String mountTarget(JsonNode service, String source) {
        for (JsonNode volume : service.path("volumes")) {
            String[] parts = volume.asText().split(":");
            if (parts[0].equals(source)) {
                return parts[1];
            }
        }
        throw new AssertionError("no volume mounts " + source);
    }

    private static List<String> volumeTargets(JsonNode service) {
        List<String> targets = new ArrayList<>();
        service.path("volumes").forEach(v -> targets.add(v.asText().split(":")[1]));
        return targets;
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
