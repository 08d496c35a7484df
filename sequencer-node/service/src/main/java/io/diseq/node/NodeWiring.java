package io.diseq.node;

import io.diseq.node.config.NodeConfiguration;
import io.diseq.node.config.NodeSettings;
import io.diseq.node.health.InputReaderHealthCheck;
import io.diseq.node.input.InputReader;
import io.diseq.node.input.InputTopic;
import io.diseq.node.input.InputWindow;
import io.diseq.node.store.BlockStore;
import io.diseq.node.store.NodeDatabase;
import io.diseq.node.store.PostgresNodeStore;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.jdbi3.JdbiFactory;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/**
 * Builds the node's components from the validated configuration and registers their lifecycles
 * with Dropwizard. Kept apart from {@link NodeApplication} so that the wiring order (storage first,
 * then readers and publishers, then HTTP resources) reads top to bottom.
 */
final class NodeWiring {
    private NodeWiring() {
    }

    /** The components built so far; the consensus driver is wired on top of these. */
    record Node(NodeSettings settings, Jdbi jdbi, BlockStore blocks, PostgresNodeStore trieNodes, InputWindow window) {
    }

    static Node wire(NodeConfiguration config, Environment environment) {
        NodeSettings settings = NodeSettings.from(config);
        Jdbi jdbi = NodeDatabase.open(new JdbiFactory().build(environment, config.database(), "postgresql"));
        PostgresNodeStore trieNodes = new PostgresNodeStore(jdbi, config.trieNodeCacheEntries());
        BlockStore blocks = new BlockStore(jdbi, trieNodes::remember);

        InputWindow window = InputTopic.openWindow(settings.kafka(), blocks.latestPositions(), Map.of());
        InputReader reader = new InputReader(settings.kafka(), window, Map.of());
        environment.lifecycle().manage(reader);
        environment.healthChecks().register("input-reader", new InputReaderHealthCheck(reader));
        return new Node(settings, jdbi, blocks, trieNodes, window);
    }
}
