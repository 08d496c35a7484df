package io.diseq.ingest.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.diseq.ingest.topics.TopicRequirement;
import io.diseq.schemas.CleanupPolicy;
import io.dropwizard.configuration.ConfigurationValidationException;
import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.configuration.FileConfigurationSourceProvider;
import io.dropwizard.configuration.ResourceConfigurationSourceProvider;
import io.dropwizard.configuration.YamlConfigurationFactory;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.jersey.validation.Validators;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The shipped ingest.yml template parses and validates; wrong settings fail validation with a clear message. */
@Tag("unit")
class IngestConfigurationTest {
    private final YamlConfigurationFactory<IngestConfiguration> factory = new YamlConfigurationFactory<>(
            IngestConfiguration.class, Validators.newValidator(), Jackson.newObjectMapper(), "dw");

    @Test
    void theTemplateIsValidAndGivesTheDocumentedDefaults() throws Exception {
        // With the template's environment variables (DISEQ_*, KAFKA_*) unset, their defaults apply.
        IngestConfiguration config = factory.build(new SubstitutingSourceProvider(new FileConfigurationSourceProvider(),
                new EnvironmentVariableSubstitutor(false)), "ingest.yml");
        assertThat(config.chainId).isEqualTo("devnet");
        assertThat(config.applicationId()).isEqualTo("diseq-ingest-devnet");
        assertThat(config.settings().maxMessageBytes()).isEqualTo(65_536);
        assertThat(config.settings().dedupRetentionMs()).isEqualTo(7L * 24 * 3600 * 1000);
        List<TopicRequirement> topics = config.topicRequirements();
        assertThat(topics).extracting(TopicRequirement::name)
                .containsExactly("devnet.messages.raw", "devnet.messages", "devnet.messages.rejected");
        assertThat(topics).extracting(TopicRequirement::cleanupPolicy).containsOnly(CleanupPolicy.DELETE);
        assertThat(topics.get(1).retentionMs()).isEqualTo(-1);
        assertThat(topics.get(2).maxRecordBytes()).isGreaterThan(topics.get(0).maxRecordBytes());
    }

    @Test
    void minInsyncAboveTheReplicationFactorIsRefused() {
        assertThatThrownBy(() -> factory.build(new ResourceConfigurationSourceProvider(), "bad-isr.yml"))
                .isInstanceOf(ConfigurationValidationException.class)
                .hasMessageContaining("minInsyncReplicas must not exceed topics.replicationFactor");
    }

    @Test
    void aChainIdThatIsNotATopicPrefixIsRefused() {
        assertThatThrownBy(() -> factory.build(new ResourceConfigurationSourceProvider(), "bad-chain.yml"))
                .isInstanceOf(ConfigurationValidationException.class)
                .hasMessageContaining("chainId");
    }
}
