package io.diseq.node;

import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.health.HealthCheck;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.diseq.core.util.Bytes;
import io.diseq.node.config.NodeConfiguration;
import io.diseq.node.gossip.EnvelopeJson;
import io.diseq.node.gossip.GossipClient;
import io.diseq.node.gossip.GossipEnvelope;
import io.diseq.node.gossip.GossipSigner;
import io.diseq.core.runtime.GossipType;
import io.diseq.node.gossip.PeerStatus;
import io.diseq.node.gossip.RetryPolicy;
import io.diseq.node.testing.Await;
import io.diseq.node.testing.KafkaExtension;
import io.diseq.node.testing.PostgresExtension;
import io.diseq.node.testing.TestKeys;
import io.diseq.node.wiring.NodeWiring;
import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.jetty.HttpConnectorFactory;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.ResourceHelpers;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.SortedMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The whole node application against a real PostgreSQL and a real Kafka broker: wiring, start-up
 * migrations, health checks, exposure defaults and the gossip endpoint's typed rejections.
 * Extension order: the broker and the database start before the app and stop after it.
 */
@Tag("integration")
class NodeApplicationTest {
    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    @Order(1)
    static final KafkaExtension KAFKA = new KafkaExtension().withTopic("apptest.messages", 2)
            .withTopic("apptest.blocks", 1);

    @RegisterExtension
    @Order(2)
    static final PostgresExtension PG = new PostgresExtension();

    @RegisterExtension
    @Order(3)
    static final DropwizardAppExtension<NodeConfiguration> APP = new DropwizardAppExtension<>(
            NodeApplication.class, ResourceHelpers.resourceFilePath("node-test.yml"),
            ConfigOverride.config("database.url", PG::classJdbcUrl),
            ConfigOverride.config("kafka.bootstrapServers", KAFKA::bootstrapServers),
            ConfigOverride.config("keyFile", () -> ResourceHelpers.resourceFilePath("keys/v0.key")));

    private final HttpClient http = HttpClient.newHttpClient();

    /**
     * These tests exercise the transport around the consensus driver, so the driver must not consume
     * the gossip inbox: it is stopped once the app is up (the multi-validator tests run it).
     */
    /** Empties the stopped driver's inbox (up to ten inputs), as its loop would. */
    private static void drain(NodeWiring.Node node) throws InterruptedException {
        for (int i = 0; i < 10 && node.gossipInbox().take(1) != null; i++) {
            // discard
        }
    }

    @BeforeAll
    static void stopConsensusDriver() throws Exception {
        ((NodeApplication) APP.getApplication()).consensus().driver().stop();
    }

    @Test
    void startsWithMigratedStorageHealthyComponentsAndLoopbackAdmin() {
        NodeWiring.Node node = ((NodeApplication) APP.getApplication()).node();
        assertThat(node.self().index()).isZero();
        assertThat(node.blocks().latest()).isEmpty();
        assertThat(node.window().partitions()).containsExactly(0, 1);

        SortedMap<String, HealthCheck.Result> health =
                new java.util.TreeMap<>(APP.getEnvironment().healthChecks().runHealthChecks());
        assertThat(health).containsKeys("postgresql", "kafka", "input-reader", "block-publisher", "deadlocks",
                "consensus-driver", "peer-quorum", "consensus-lag");
        assertThat(health.get("consensus-driver").isHealthy()).isFalse();
        health.remove("consensus-driver");
        health.remove("peer-quorum");
        assertThat(health.values()).allSatisfy(r -> assertThat(r.isHealthy()).as(r.toString()).isTrue());

        assertThat(APP.getEnvironment().metrics().getGauges()).containsKeys("input.window.records",
                "publisher.publishedHeight", "gossip.peers.reachable");

        DefaultServerFactory server = (DefaultServerFactory) APP.getConfiguration().getServerFactory();
        assertThat(((HttpConnectorFactory) server.getAdminConnectors().get(0)).getBindHost()).isEqualTo("127.0.0.1");
    }

    @Test
    void inputReaderOfTheRunningNodeFillsItsWindow() {
        NodeWiring.Node node = ((NodeApplication) APP.getApplication()).node();
        KAFKA.produce("apptest.messages", 1, java.util.List.of("hello".getBytes(StandardCharsets.UTF_8)));

        Await.until(DEADLINE, "the node read the message", () -> node.window().readPosition(1) >= 1);
        assertThat(node.window().records(1, 0, 1, 10)).extracting(r -> new String(r.payload().toArray(),
                StandardCharsets.UTF_8)).containsExactly("hello");
    }

    @Test
    void acceptsSignedGossipAndRejectsBadGossipWithTypedErrors() throws Exception {
        NodeWiring.Node node = ((NodeApplication) APP.getApplication()).node();
        GossipSigner v1 = new GossipSigner("apptest", 1, TestKeys.validator(1).signing());
        GossipEnvelope good = v1.sign(1, 0, GossipType.PREVOTE, Bytes.wrap(new byte[] {1}));
        drain(node);
        int queuedBefore = node.gossipInbox().size();

        assertThat(post(EnvelopeJson.of(good).toBytes()).statusCode()).isEqualTo(202);
        assertThat(node.gossipInbox().size()).isEqualTo(queuedBefore + 1);

        assertRejected(EnvelopeJson.of(good).toBytes(), 409, "REPLAYED");
        GossipEnvelope forged = new GossipSigner("apptest", 1, TestKeys.validator(3).signing())
                .sign(1, 0, GossipType.PREVOTE, Bytes.EMPTY);
        assertRejected(EnvelopeJson.of(forged).toBytes(), 403, "BAD_SIGNATURE");
        GossipEnvelope stranger = new GossipSigner("apptest", 7, TestKeys.validator(1).signing())
                .sign(1, 0, GossipType.PREVOTE, Bytes.EMPTY);
        assertRejected(EnvelopeJson.of(stranger).toBytes(), 403, "UNKNOWN_SENDER");
        GossipEnvelope otherChain = new GossipSigner("devnet", 1, TestKeys.validator(1).signing())
                .sign(1, 0, GossipType.PREVOTE, Bytes.EMPTY);
        assertRejected(EnvelopeJson.of(otherChain).toBytes(), 400, "WRONG_CHAIN");
        assertRejected("{not json".getBytes(StandardCharsets.UTF_8), 400, "MALFORMED");
        assertRejected(new byte[4096], 413, "TOO_LARGE");

        assertThat(APP.getEnvironment().metrics().counter("gossip.rejected.REPLAYED").getCount()).isEqualTo(1);
        assertThat(APP.getEnvironment().metrics().counter("gossip.rejected.TOO_LARGE").getCount()).isEqualTo(1);
        assertThat(node.gossipInbox().size()).isEqualTo(queuedBefore + 1);
    }

    @Test
    void fullInboxAnswersOverloadedAndPublicBodiesAreBounded() throws Exception {
        NodeWiring.Node node = ((NodeApplication) APP.getApplication()).node();
        GossipSigner v2 = new GossipSigner("apptest", 2, TestKeys.validator(2).signing());
        while (node.gossipInbox().size() < 3) {
            post(EnvelopeJson.of(v2.sign(1, 0, GossipType.PRECOMMIT, Bytes.EMPTY)).toBytes());
        }

        assertRejected(EnvelopeJson.of(v2.sign(1, 0, GossipType.PRECOMMIT, Bytes.EMPTY)).toBytes(), 429, "OVERLOADED");
        drain(node);

        HttpResponse<String> big = http.send(HttpRequest.newBuilder(uri("/v1/anything"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[2000])).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(big.statusCode()).isEqualTo(413);
        assertThat(JSON.readTree(big.body()).get("code").asText()).isEqualTo("TOO_LARGE");
    }

    @Test
    void outboundClientDeliversToALivePeerAndNeverBlocksOnADeadOne() throws Exception {
        NodeWiring.Node node = ((NodeApplication) APP.getApplication()).node();
        drain(node);
        GossipClient client = new GossipClient(Map.of(0, gossipUri("/internal/gossip"), 3, URI.create("http://127.0.0.1:1/x")),
                Duration.ofMillis(500), Duration.ofSeconds(2), new RetryPolicy(3, 10, 50), 4);
        client.start();
        try {
            GossipSigner v3 = new GossipSigner("apptest", 3, TestKeys.validator(3).signing());
            for (int i = 0; i < 20; i++) {
                client.send(3, v3.sign(1, 0, GossipType.PREVOTE, Bytes.EMPTY));
            }
            client.send(0, v3.sign(1, 0, GossipType.PREVOTE, Bytes.wrap(new byte[] {42})));

            Await.until(DEADLINE, "the live peer received the envelope", () -> node.gossipInbox().size() == 1);
            PeerStatus dead = Await.value(DEADLINE, "the dead peer's envelopes failed",
                    () -> client.peers().get(1), s -> s.failed() >= 1);
            assertThat(dead.reachable()).isFalse();
            assertThat(dead.dropped()).isPositive();
            // the inbox may hold the envelope before the client has read the 202: wait for the client to count it
            Await.until(DEADLINE, "the live peer's delivery counted", () -> client.peers().get(0).delivered() == 1);
        } finally {
            client.stop();
        }
    }

    private void assertRejected(byte[] body, int status, String code) throws Exception {
        HttpResponse<String> response = post(body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        JsonNode json = JSON.readTree(response.body());
        assertThat(json.get("code").asText()).isEqualTo(code);
        assertThat(json.get("message").asText()).isNotBlank();
    }

    private HttpResponse<String> post(byte[] body) throws Exception {
        return http.send(HttpRequest.newBuilder(gossipUri("/internal/gossip")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + APP.getLocalPort() + path);
    }

    private static URI gossipUri(String path) {
        return URI.create("http://127.0.0.1:" + ((NodeApplication) APP.getApplication()).gossipPort() + path);
    }
}
