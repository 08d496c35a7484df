package io.diseq.node.config;

import io.diseq.core.chain.ChainConfig;
import java.nio.file.Path;

/** The immutable settings the node's components need, built once from {@link NodeConfiguration}. */
public record NodeSettings(ChainConfig chain, Path keyFile, int maxMessageBytes, KafkaSettings kafka,
                           HttpLimits http) {
    public static NodeSettings from(NodeConfiguration config) {
        return new NodeSettings(config.chainConfig(), Path.of(config.keyFile()), config.maxMessageBytes(),
                config.kafkaSettings(), config.httpLimits());
    }
}
