package io.diseq.node.wiring;

import io.diseq.core.trie.NodeStore;
import io.diseq.node.api.BlockResource;
import io.diseq.node.api.ChainQueries;
import io.diseq.node.api.ChainResource;
import io.diseq.node.api.Explorer;
import io.diseq.node.api.MessageResource;
import io.diseq.node.api.MessageSubmitter;
import io.diseq.node.api.NodeResource;
import io.diseq.node.api.StateRootResource;
import io.diseq.node.config.NodeSettings;
import io.diseq.node.consensus.NodeStatusView;
import io.diseq.node.input.InputWindow;
import io.diseq.node.metrics.ApiRejectCounter;
import io.diseq.node.metrics.PrometheusEndpoint;
import io.diseq.node.metrics.StatusGauges;
import io.diseq.node.store.BlockStore;
import io.dropwizard.core.setup.Environment;
import java.util.List;

/**
 * Wires the public REST API {@code /v1} (docs/operations-node.md §REST API) and the node's metric
 * exposure: the resources, the Kafka producer of HTTP submit, the reject counters, the gauges over
 * the consensus status view, and the Prometheus exposition on the admin port. Resources only
 * translate; the data comes from the block store, the state trie's node store, the input window and
 * the consensus driver's status view. The error mapper and the body-limit filter are registered by
 * the node's wiring for every public path. The block explorer's static files are served at
 * {@code /explorer/} ({@link Explorer}).
 */
public final class ApiModule {
    private ApiModule() {
    }

    public static void register(Environment environment, NodeSettings settings, BlockStore blocks, NodeStore stateNodes,
                                long receiptBlockCacheBytes, InputWindow window, NodeStatusView status) {
        MessageSubmitter submitter = new MessageSubmitter(settings.kafka());
        if (settings.http().submitEnabled()) {
            environment.lifecycle().manage(submitter);
        }
        resources(settings, blocks, stateNodes, receiptBlockCacheBytes, window, status, submitter).forEach(environment.jersey()::register);
        Explorer.register(environment);
        environment.jersey().register(new ApiRejectCounter(environment.metrics()));
        StatusGauges.register(environment.metrics(), status, window, settings.kafka().windowMaxRecords(),
                settings.kafka().windowMaxBytes(), settings.chain().validators().size());
        PrometheusEndpoint.register(environment, environment.metrics());
    }

    private static List<Object> resources(NodeSettings settings, BlockStore blocks, NodeStore stateNodes,
                                          long receiptBlockCacheBytes, InputWindow window, NodeStatusView status, MessageSubmitter submitter) {
        ChainQueries queries = new ChainQueries(settings.chain(), blocks, stateNodes, receiptBlockCacheBytes);
        return List.of(
                new NodeResource(settings.chain(), status, window, settings.kafka().windowMaxRecords(),
                        settings.kafka().windowMaxBytes()),
                new BlockResource(queries),
                new ChainResource(queries),
                new StateRootResource(queries),
                new MessageResource(queries, submitter, settings.http().submitEnabled(), settings.maxMessageBytes()));
    }
}
