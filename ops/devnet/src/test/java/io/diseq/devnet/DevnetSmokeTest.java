package io.diseq.devnet;

import io.diseq.core.chain.ValidatorSet;
import io.diseq.node.config.NodeConfiguration;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The devnet smoke test: start the whole devnet in a temporary directory, publish messages with the
 * client library, see each in a finalized block on every validator and on the block topic, verify
 * the receipts offline, stop.

 */
@Tag("integration")
class DevnetSmokeTest {
    @TempDir
    Path dir;

    @Test
    void publishedMessagesAreFinalizedOnEveryValidatorAndOnTheBlockTopicWithVerifiableReceipts() throws Exception {
        try (RunningDevnet devnet = RunningDevnet.start(dir.resolve("data"), TestPorts.freeSettings("smoke"))) {
            NodeConfiguration v0 = devnet.validatorConfiguration(0).orElseThrow();
            ValidatorSet validators = v0.chainConfig().validators();
            List<URI> rest = devnet.endpoints().stream().map(ValidatorEndpoints::rest).toList();
            new EndToEndScenario(devnet.settings().kafkaBootstrap(), devnet.settings().chainId(), validators, rest)
                    .run(20, Duration.ofSeconds(60));
        }
    }
}
