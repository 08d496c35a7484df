package io.diseq.node;

import io.diseq.node.config.NodeConfiguration;
import io.diseq.node.config.NodeSettings;
import io.dropwizard.core.setup.Environment;

/**
 * Builds the node's components from the validated configuration and registers their lifecycles
 * with Dropwizard. Kept apart from {@link NodeApplication} so that the wiring order (storage first,
 * then readers and publishers, then HTTP resources) reads top to bottom.
 */
final class NodeWiring {
    private NodeWiring() {
    }

    static NodeSettings wire(NodeConfiguration config, Environment environment) {
        NodeSettings settings = NodeSettings.from(config);
        return settings;
    }
}
