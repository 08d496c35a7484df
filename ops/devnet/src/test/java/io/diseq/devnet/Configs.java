package io.diseq.devnet;

import io.diseq.ingest.app.IngestConfiguration;
import io.diseq.node.config.NodeConfiguration;
import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.FileConfigurationSourceProvider;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.configuration.YamlConfigurationFactory;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.jersey.validation.Validators;
import java.nio.file.Path;

/** Loads generated files exactly as the applications do: env substitution, YAML, Bean Validation. */
final class Configs {
    private Configs() {
    }

    static NodeConfiguration node(Path file) {
        return load(NodeConfiguration.class, file);
    }

    static IngestConfiguration ingest(Path file) {
        return load(IngestConfiguration.class, file);
    }

    private static <T> T load(Class<T> type, Path file) {
        YamlConfigurationFactory<T> factory = new YamlConfigurationFactory<>(type, Validators.newValidator(),
                Jackson.newObjectMapper(), "dw");
        try {
            return factory.build(new SubstitutingSourceProvider(new FileConfigurationSourceProvider(),
                    new EnvironmentVariableSubstitutor(false)), file.toString());
        } catch (Exception e) {
            throw new AssertionError("generated " + file + " does not load with " + type.getSimpleName() + ": " + e, e);
        }
    }
}
