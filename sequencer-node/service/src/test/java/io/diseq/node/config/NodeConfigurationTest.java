package io.diseq.node.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.diseq.node.wiring.AdminExposure;
import io.dropwizard.configuration.ConfigurationValidationException;
import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.FileConfigurationSourceProvider;
import io.dropwizard.configuration.ResourceConfigurationSourceProvider;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.configuration.YamlConfigurationFactory;
import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.jersey.validation.Validators;
import io.dropwizard.jetty.HttpConnectorFactory;
import java.nio.file.Path;
import org.apache.commons.text.lookup.StringLookup;
import org.apache.commons.text.StringSubstitutor;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class NodeConfigurationTest {
    private final YamlConfigurationFactory<NodeConfiguration> factory = new YamlConfigurationFactory<>(
            NodeConfiguration.class, Validators.newValidator(), Jackson.newObjectMapper(), "dw");

    @Test
    void exampleConfigurationBuildsImmutableSettingsWithEnvironmentDefaults() throws Exception {
        NodeConfiguration config = factory.build(
                new SubstitutingSourceProvider(new FileConfigurationSourceProvider(), noEnvironment()),
                "config-example.yml");
        NodeSettings settings = NodeSettings.from(config);

        assertThat(settings.chain().chainId()).isEqualTo("devnet");
        assertThat(settings.chain().validators().size()).isEqualTo(4);
        assertThat(settings.chain().validators().quorum()).isEqualTo(3);
        assertThat(settings.chain().validators().get(2).id()).isEqualTo("v2");
        assertThat(settings.chain().validators().get(2).gossipUrl()).isEqualTo("http://v2:8082/internal/gossip");
        assertThat(settings.chain().timeouts().proposeMs(2)).isEqualTo(4000);
        assertThat(settings.chain().blockMessagesMax()).isEqualTo(10000);
        assertThat(settings.kafka().messagesTopic()).isEqualTo("devnet.messages");
        assertThat(settings.kafka().publisherTransactionalId()).isEqualTo("devnet.blocks-publisher");
        assertThat(settings.maxMessageBytes()).isEqualTo(65536);
        assertThat(config.publisherSettings(2).takeoverDelayMs()).isEqualTo(5000);
        assertThat(settings.http().submitEnabled()).isTrue();
        assertThat(config.database().getUrl()).isEqualTo("jdbc:postgresql://localhost:5432/diseq");
    }

    @Test
    void environmentVariablesOverrideDefaults() throws Exception {
        StringSubstitutor env = new EnvironmentVariableSubstitutor(false);
        env.setVariableResolver(lookup("DISEQ_CHAIN_ID", "prod-1", "DISEQ_SUBMIT_ENABLED", "false"));
        NodeConfiguration config = factory.build(
                new SubstitutingSourceProvider(new FileConfigurationSourceProvider(), env), "config-example.yml");

        assertThat(config.chainConfig().chainId()).isEqualTo("prod-1");
        assertThat(config.kafkaSettings().blocksTopic()).isEqualTo("prod-1.blocks");
        assertThat(config.httpLimits().submitEnabled()).isFalse();
    }

    @Test
    void malformedValidatorKeyIsRejectedByValidation() {
        assertThatThrownBy(() -> factory.build(new ResourceConfigurationSourceProvider(), "config/bad-key.yml"))
                .isInstanceOf(ConfigurationValidationException.class)
                .hasMessageContaining("signingPublicKey")
                .hasMessageContaining("validators");
    }

    @Test
    void keyFileIsMatchedToItsPlaceInTheValidatorSet() throws Exception {
        NodeConfiguration config = factory.build(
                new SubstitutingSourceProvider(new FileConfigurationSourceProvider(), noEnvironment()),
                "config-example.yml");

        SelfKeys self = SelfKeys.load(Path.of("src/test/resources/keys/v2.key"), config.chainConfig());

        assertThat(self.index()).isEqualTo(2);
        assertThat(self.toString()).doesNotContain("0102030405");
        NodeConfiguration other = factory.build(new ResourceConfigurationSourceProvider(), "config/other-chain.yml");
        assertThatThrownBy(() -> SelfKeys.load(Path.of("src/test/resources/keys/v2.key"), other.chainConfig()))
                .hasMessageContaining("not in the configured validator set");
    }

    @Test
    void adminConnectorWithoutBindHostIsBoundToLoopback() throws Exception {
        NodeConfiguration config = factory.build(
                new SubstitutingSourceProvider(new FileConfigurationSourceProvider(), noEnvironment()),
                "config-example.yml");
        AdminExposure.bindAdminToLoopbackUnlessSet(config.getServerFactory());

        DefaultServerFactory server = (DefaultServerFactory) config.getServerFactory();
        assertThat(server.getAdminConnectors())
                .allSatisfy(c -> assertThat(((HttpConnectorFactory) c).getBindHost()).isEqualTo("127.0.0.1"));
        assertThat(server.getApplicationConnectors())
                .allSatisfy(c -> assertThat(((HttpConnectorFactory) c).getBindHost()).isNull());
    }

    private static StringSubstitutor noEnvironment() {
        StringSubstitutor env = new EnvironmentVariableSubstitutor(false);
        env.setVariableResolver(lookup());
        return env;
    }

    private static StringLookup lookup(String... pairs) {
        return key -> {
            for (int i = 0; i < pairs.length; i += 2) {
                if (pairs[i].equals(key)) {
                    return pairs[i + 1];
                }
            }
            return null;
        };
    }
}
