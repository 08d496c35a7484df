package io.diseq.node;

import io.diseq.node.config.NodeConfiguration;
import io.diseq.node.consensus.ReplayCommand;
import io.diseq.node.http.PublicServer;
import io.diseq.node.wiring.AdminExposure;
import io.diseq.node.wiring.ConsensusModule;
import io.diseq.node.wiring.NodeWiring;
import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.core.Application;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;

/**
 * The validator node: {@code java -jar diseq-node.jar server config.yml}. The adapters are wired by
 * hand in {@link NodeWiring} (no DI container); docs/architecture.md shows the threads, queues and data flow.
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
        bootstrap.addCommand(new ReplayCommand());
        bootstrap.setConfigurationSourceProvider(new SubstitutingSourceProvider(
                bootstrap.getConfigurationSourceProvider(), new EnvironmentVariableSubstitutor(false)));
    }

    @Override
    public void run(NodeConfiguration config, Environment environment) {
        AdminExposure.bindAdminToLoopbackUnlessSet(config.getServerFactory());
        PublicServer.configure(config.getServerFactory(), config.httpLimits().publicConnector());
        node = NodeWiring.wire(config, environment);
    }

    /** The gossip server's port, once the node runs (0 in the configuration picks a free one). */
    public int gossipPort() {
        return node.internal().port();
    }

    /** The wired components, once {@link #run} has completed (for the consensus driver and tests). */
    public NodeWiring.Node node() {
        return node;
    }

    /** The consensus driver and catch-up, once {@link #run} has completed (status view for the REST API). */
    public ConsensusModule consensus() {
        return node.consensus();
    }
}
