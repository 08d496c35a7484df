package io.diseq.devnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.diseq.client.ChainFile;
import io.diseq.client.ValidatorsFile;
import io.diseq.core.chain.ChainConfig;
import io.diseq.core.chain.Genesis;
import io.diseq.core.chain.Validator;
import io.diseq.ingest.app.IngestConfiguration;
import io.diseq.node.config.NodeConfiguration;
import io.diseq.node.config.SelfKeys;
import io.diseq.schemas.Topics;
import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.jetty.HttpConnectorFactory;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Generated networks load with the node's and ingest's real configuration classes and agree with each other. */
@Tag("unit")
class NetworkGeneratorTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(ints = {4, 7, 16})
    void localConfigsLoadWithTheNodeClassesAndShareOneValidatorSet(int n) {
        GeneratedNetwork network = generate(NetworkSpec.local("devnet", n));

        List<NodeConfiguration> configs = network.validators().stream().map(v -> Configs.node(v.config())).toList();
        ChainConfig first = configs.get(0).chainConfig();
        assertThat(first.validators().size()).isEqualTo(n);
        Set<Integer> ports = new HashSet<>();
        for (int i = 0; i < n; i++) {
            NodeConfiguration config = configs.get(i);
            assertThat(config.chainConfig()).as("chain config of v%d", i).isEqualTo(first);
            assertThat(SelfKeys.load(Path.of(config.keyFile()), config.chainConfig()).index()).isEqualTo(i);
            assertThat(config.kafkaSettings().messagesTopic()).isEqualTo(Topics.forChain("devnet").messages().name());
            assertThat(config.database().getUrl()).endsWith("/diseq_v" + i);
            int http = appPort(config);
            int gossip = config.gossipServer().build().port();
            assertThat(first.validators().get(i).gossipUrl()).isEqualTo("http://localhost:" + gossip + "/internal/gossip");
            assertThat(ports.add(http)).isTrue();
            assertThat(ports.add(gossip)).isTrue();
            assertThat(ports.add(adminPort(config))).isTrue();
        }
        IngestConfiguration ingest = Configs.ingest(network.ingestConfig());
        assertThat(ingest.chainId).isEqualTo("devnet");
        assertThat(ingest.settings().topics().messages().name()).isEqualTo(configs.get(0).kafkaSettings().messagesTopic());
        assertThat(ports).doesNotContain(network.spec().ingestHttpPort(), network.spec().ingestAdminPort());
    }

    @Test
    void theChainFileAndTheValidatorsFileDescribeTheChainTheNodesRun() throws Exception {
        GeneratedNetwork network = generate(NetworkSpec.local("devnet", 5));
        ChainConfig node = Configs.node(network.validators().get(3).config()).chainConfig();

        assertThat(network.chainFile()).isEqualTo(dir.resolve("chain.json"));
        ChainFile chain = ChainFile.read(network.chainFile());
        assertThat(chain.chainId()).isEqualTo(node.chainId());
        assertThat(chain.genesisTimeMs()).isEqualTo(node.genesisTimeMs());
        assertThat(chain.validators()).isEqualTo(node.validators());
        assertThat(chain.validators().validators()).extracting(Validator::gossipUrl)
                .containsExactlyElementsOf(node.validators().validators().stream().map(Validator::gossipUrl).toList());
        assertThat(chain.genesis().id()).isEqualTo(Genesis.header(node).id());
        assertThat(Files.readString(network.chainFile())).isEqualTo(chain.toJson());
        assertThat(ValidatorsFile.read(dir.resolve("validators.txt")).hash()).isEqualTo(node.validators().hash());
    }

    @Test
    void keyFilesAreOwnerOnlyAndNeverOverwritten() throws Exception {
        GeneratedNetwork network = generate(NetworkSpec.local("devnet", 4));
        for (GeneratedNetwork.ValidatorFiles v : network.validators()) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(v.keyFile()))).isEqualTo("rw-------");
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("keys")))).isEqualTo("rwx------");
        String before = Files.readString(network.validators().get(0).keyFile());

        assertThatThrownBy(() -> generate(NetworkSpec.local("devnet", 4))).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("cannot write the network");
        assertThat(Files.readString(network.validators().get(0).keyFile())).isEqualTo(before);
    }

    @Test
    void composeConfigsUseServiceNamesContainerPathsAndTheEnvironmentPassword() {
        GeneratedNetwork network = generate(NetworkSpec.compose("devnet", 4));
        for (GeneratedNetwork.ValidatorFiles v : network.validators()) {
            NodeConfiguration config = Configs.node(v.config());
            assertThat(config.keyFile()).isEqualTo(Layout.COMPOSE_KEY_FILE);
            assertThat(config.database().getUrl()).isEqualTo("jdbc:postgresql://pg-" + v.id() + ":5432/diseq");
            assertThat(config.database().getPassword()).isEqualTo("${DISEQ_DB_PASSWORD}");
            assertThat(config.kafkaSettings().bootstrapServers()).isEqualTo("kafka:9092");
            assertThat(config.chainConfig().validators().get(v.index()).gossipUrl())
                    .isEqualTo("http://" + v.id() + ":8082/internal/gossip");
            assertThat(adminConnector(config).getBindHost()).isEqualTo("0.0.0.0");
        }
        assertThat(Configs.ingest(network.ingestConfig()).kafka.bootstrapServers).isEqualTo("kafka:9092");
    }

    @Test
    void rejectsNetworksOutsideTheSupportedSizeAndBadChainIds() {
        assertThatThrownBy(() -> NetworkSpec.local("devnet", 3)).hasMessageContaining("between 4 and 16");
        assertThatThrownBy(() -> NetworkSpec.local("devnet", 17)).hasMessageContaining("between 4 and 16");
        assertThatThrownBy(() -> NetworkSpec.local("dev.net", 4)).hasMessageContaining("chain id");
    }

    private GeneratedNetwork generate(NetworkSpec spec) {
        return new NetworkGenerator(spec, new SecureRandom()).generate(dir);
    }

    static int appPort(NodeConfiguration config) {
        DefaultServerFactory server = (DefaultServerFactory) config.getServerFactory();
        return ((HttpConnectorFactory) server.getApplicationConnectors().get(0)).getPort();
    }

    static int adminPort(NodeConfiguration config) {
        return adminConnector(config).getPort();
    }

    static HttpConnectorFactory adminConnector(NodeConfiguration config) {
        return (HttpConnectorFactory) ((DefaultServerFactory) config.getServerFactory()).getAdminConnectors().get(0);
    }
}
