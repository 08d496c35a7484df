package io.diseq.node;

import io.diseq.node.config.NodeConfiguration;
import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.core.Application;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;

/**
 * The validator node: {@code java -jar diseq-node.jar server config.yml}. Wires the adapters by
 * hand (no DI container); docs/architecture-node.md shows the threads, queues and data flow.
 * Configuration values may use {@code ${ENV}} and {@code ${ENV:-default}}; an undefined variable
 * without a default is left verbatim so that validation reports it.
 */
public class NodeApplication extends Application<NodeConfiguration> {
    private volatile NodeWiring.Node node;

    public static void main(String[] args) throws Exception {
        new NodeApplication().run(args);
    }

    @Override
    public String getName() {
        return "diseq-node";
    }

    @Override
    public void initialize(Bootstrap<NodeConfiguration> bootstrap) {
        bootstrap.setConfigurationSourceProvider(new SubstitutingSourceProvider(
                bootstrap.getConfigurationSourceProvider(), new EnvironmentVariableSubstitutor(false)));
    }

    @Override
    public void run(NodeConfiguration config, Environment environment) {
        AdminExposure.bindAdminToLoopbackUnlessSet(config.getServerFactory());
        node = NodeWiring.wire(config, environment);
    }

    /** The wired components, once {@link #run} has completed (for the consensus driver and tests). */
    NodeWiring.Node node() {
        return node;
    }
}
