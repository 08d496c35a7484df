package io.diseq.node.consensus;

import static org.assertj.core.api.Assertions.assertThat;

import io.diseq.core.chain.StandardConsensusCrypto;
import io.diseq.core.runtime.Recording;
import io.diseq.node.config.NodeSettings;
import io.diseq.node.config.SelfKeys;
import io.diseq.node.testing.Await;
import io.diseq.node.testing.Cluster;
import io.diseq.node.testing.KafkaExtension;
import io.diseq.node.testing.PostgresExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A validator of a real 4-validator network records its runtime's inputs ({@code consensus.recordTo}) while the
 * chain sequences messages; after it stops, replaying the recording with the node's own configuration gives
 * outputs identical to the recorded ones at every step (docs/operations-node.md, "Record and replay").
 */
@Tag("integration")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RecordReplayTest {
    private static final Duration DEADLINE = Duration.ofMinutes(3);

    @RegisterExtension
    @Order(1)
    static final KafkaExtension KAFKA = new KafkaExtension();

    @RegisterExtension
    @Order(2)
    static final PostgresExtension PG = new PostgresExtension();

    @TempDir
    Path dir;

    @Test
    void aRecordedValidatorReplaysToIdenticalOutputs() throws Exception {
        String extra = ConsensusClusterTest.FAST + "  recordTo: " + dir.resolve("{self}.rec") + "\n";
        try (Cluster c = new Cluster("record-replay", 4, KAFKA, PG, extra)) {
            c.startAll();
            try (KafkaProducer<byte[], byte[]> producer = KAFKA.producer()) {
                for (int k = 0; k < 40; k++) {
                    producer.send(new ProducerRecord<>(c.chainId() + ".messages", k % 2, null,
                            ("recorded " + k).getBytes(StandardCharsets.UTF_8))).get();
                }
            }
            Await.until(DEADLINE, () -> "v2 sequenced 40 messages: " + c.describe(),
                    () -> ClusterChecks.sequenced(c, 2) >= 40);
            var config = c.configuration(2);
            c.stop(2);
            Path recording = dir.resolve("v2.rec");
            assertThat(Files.size(recording)).isPositive();
            List<byte[]> frames = ReplayCommand.read(recording);
            NodeSettings settings = NodeSettings.from(config);
            SelfKeys self = SelfKeys.load(settings.keyFile(), settings.chain());
            Recording.Result r = Recording.replay(settings.chain(), StandardConsensusCrypto.of(self.keys()),
                    frames.iterator());
            assertThat(r.identical()).as(r.detail()).isTrue();
            assertThat(r.steps()).isEqualTo(frames.size() - 1).isGreaterThan(50);
        }
    }
}
