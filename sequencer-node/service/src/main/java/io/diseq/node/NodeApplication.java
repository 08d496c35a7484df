package io.diseq.node;

import io.diseq.node.config.NodeConfiguration;
import io.diseq.node.consensus.ConsensusModule;
import io.diseq.node.http.PublicServer;
import io.diseq.node.sync.BlocksResource;
import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.core.Application;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;

/**
 * The validator node: {@code java -jar diseq-node.jar server config.yml}. Wires the adapters by
 * hand (no DI container); docs/architecture.md shows the threads, queues and data flow.
 * Configuration values may use {@code ${ENV}} and {@code ${ENV:-default}}; an undefined variable
 * without a default is left verbatim so that validation reports it.
 */
public class NodeApplication extends Application<NodeConfiguration> {
    private volatile NodeWiring.Node node;
    private volatile ConsensusModule consensus;

    public static void main(String[] args) throws Exception {
        new NodeApplication().run(args);
    }

    @Override
    public String getName() {
        return "diseq-node";
    }

    @Override
    public void initialize(Bootstrap<NodeConfiguration> bootstrap) {
        bootstrap.addCommand(new io.diseq.node.consensus.ReplayCommand());
        bootstrap.setConfigurationSourceProvider(new SubstitutingSourceProvider(
                bootstrap.getConfigurationSourceProvider(), new EnvironmentVariableSubstitutor(false)));
    }

    @Override
    public void run(NodeConfiguration config, Environment environment) {
        AdminExposure.bindAdminToLoopbackUnlessSet(config.getServerFactory());
        PublicServer.configure(config.getServerFactory(), config.httpLimits().publicConnector());
        node = NodeWiring.wire(config, environment);
        consensus = ConsensusModule.register(config.consensus(), environment, NodeWiring.consensusParts(node));
        node.internal().register(new BlocksResource(node.blocks(), config.consensus().driverSettings().serveBlocks(),
                config.consensus().driverSettings().fetchMaxResponseBytes()));
        io.diseq.node.api.ApiModule.register(environment, node.settings(), node.blocks(), node.trieNodes(),
                config.receiptBlockCacheBytes(), node.window(), consensus.status());
    }

    /** The gossip server's port, once the node runs (0 in the configuration picks a free one). */
    public int gossipPort() {
        return node.internal().port();
    }

    /** The wired components, once {@link #run} has completed (for the consensus driver and tests). */
    NodeWiring.Node node() {
        return node;
    }

    /** The consensus driver and catch-up, once {@link #run} has completed (status view for the REST API). */
    public ConsensusModule consensus() {
        return consensus;
    }
}
