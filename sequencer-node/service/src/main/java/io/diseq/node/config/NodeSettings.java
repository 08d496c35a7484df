package io.diseq.node.config;

/** Every immutable setting the node's components need, built once from {@link NodeConfiguration}. */
public record NodeSettings(ChainSettings chain, String keyFile, Timeouts timeouts, BlockLimits blockLimits,
                           KafkaSettings kafka, HttpLimits http) {
    public static NodeSettings from(NodeConfiguration config) {
        return new NodeSettings(config.chainSettings(), config.keyFile(), config.timeouts(), config.blockLimits(),
                config.kafkaSettings(), config.httpLimits());
    }
}
