package io.diseq.node.sync;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import com.codahale.metrics.health.HealthCheck;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.diseq.core.chain.BlockHeader;
import io.diseq.core.chain.ChainConfig;
import io.diseq.core.chain.CommitSignature;
import io.diseq.core.chain.DecidedBlock;
import io.diseq.core.chain.QuorumCertificate;
import io.diseq.core.chain.RejectCode;
import io.diseq.core.chain.SequencedMessage;
import io.diseq.core.crypto.Keccak256;
import io.diseq.core.util.Bytes;
import io.diseq.node.api.TestChain;
import io.diseq.node.gossip.EnvelopeJson;
import io.diseq.node.gossip.GossipEnvelope;
import io.diseq.node.gossip.GossipSigner;
import io.diseq.core.runtime.GossipType;
import io.diseq.core.runtime.Payloads;
import io.diseq.node.store.MessageRow;
import io.diseq.node.store.MessageSourceRow;
import io.diseq.node.testing.Await;
import io.diseq.node.testing.Cluster;
import io.diseq.node.testing.KafkaExtension;
import io.diseq.node.testing.PostgresExtension;
import io.diseq.node.testing.TestKeys;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongFunction;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

/**
 * Byzantine peers against a real validator over HTTP (docs/architecture.md §Catch-up; docs/protocol.md
 * §7.16, §30.4): validator v3 (real PostgreSQL, Kafka, Dropwizard) is at genesis; v0, v1 and v2 are fake
 * peers (JDK HTTP servers on their configured addresses) that accept gossip. Catch-up targets only a height
 * that f+1 validators vouch for, so v0 and v1 both tell v3 they decided height 1 (STATUS envelopes signed
 * with their own keys, as byzantine validators legitimately can) and both serve at {@code /internal/blocks}
 * blocks that are well-formed on the wire but forged, one case after another. Two faulty validators of four
 * exceed f, which can cost liveness but never what is stored: v3 must store none of them, stay at height 0,
 * record each rejection with the reason that case names, count it, and stay healthy. Then v1 and v2 turn
 * honest and serve the genuine chain (blocks certified by a quorum of the test validators' precommits)
 * while v0 goes on forging: v3 catches up to it from the honest peers.
 */
@Tag("integration")
class ForgedSyncBlocksTest {
    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final int NODE = 3;
    private static final int BYZANTINE = 0;
    /** The second validator that vouches for the forged height (f + 1 = 2 claims); honest later. */
    private static final int SECOND = 1;
    /** Honest from the start; joins v1 in serving the genuine chain. */
    private static final int THIRD = 2;
    private static final String CONFIG = """
            gossip:
              maxAttempts: 2
              baseBackoffMs: 10
              maxBackoffMs: 50
              connectTimeoutMs: 300
              requestTimeoutMs: 1000
            consensus:
              statusIntervalMs: 200
              syncLagHeights: 1
              syncRequestTimeoutMs: 500
              syncRetryMs: 50
              syncRetryMaxMs: 200
            """;
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    @Order(1)
    static final KafkaExtension KAFKA = new KafkaExtension();

    @RegisterExtension
    @Order(2)
    static final PostgresExtension PG = new PostgresExtension();

    /** One forged block and the rejection (code and the core's detail) it must cause. */
    private record Forgery(String name, byte[] wire, RejectCode code, String detail) {
        String expected() {
            return code + ": " + detail;
        }
    }

    @Test
    void aValidatorRejectsEveryForgedSyncedBlockStaysHealthyAndThenCatchesUpFromTheGenuineChain() throws Exception {
        Rejections rejections = Rejections.attach();
        List<FakePeer> peers = new ArrayList<>();
        try (Cluster c = new Cluster("forged", 4, KAFKA, PG, CONFIG)) {
            for (int i = 0; i < NODE; i++) {
                peers.add(FakePeer.start(c.gossipPort(i)));
            }
            c.start(NODE);
            ChainConfig chain = c.chain();
            TestChain honest = new TestChain(chain, 2);
            List<DecidedBlock> genuine = List.of(honest.next(payloads("a", 3)), honest.next(payloads("b", 4)),
                    honest.next(payloads("c", 2)));

            rejectsEveryForgery(c, peers, forgeries(chain, genuine.get(0)), genuine.get(0).blockId(), rejections);
            catchesUpFromTheGenuineChain(c, peers, honest, genuine, rejections);
        } finally {
            peers.forEach(FakePeer::stop);
            rejections.detach();
        }
    }

    /**
     * v0 and v1 serve the forgeries one after another, both claiming (signed STATUS) a decided block 1 with the
     * genuine id; each must be rejected with its reason, and nothing stored.
     */
    private static void rejectsEveryForgery(Cluster c, List<FakePeer> peers, List<Forgery> forgeries, Bytes claimedId,
                                            Rejections rejections) throws Exception {
        for (Forgery f : forgeries) {
            for (int p : List.of(BYZANTINE, SECOND)) {
                peers.get(p).serve(from -> from == 1 ? List.of(f.wire()) : List.of());
                postStatus(c, p, 1, claimedId);
            }
            Await.until(DEADLINE, () -> f.name() + " rejected as " + f.expected() + "; node rejected "
                    + rejections.seen + " " + c.describe(), () -> {
                    assertThat(c.consensus(NODE).status().height()).as("forged block accepted: " + f.name()).isZero();
                    return rejections.seen.contains(f.expected());
                });
            assertNothingStored(c);
        }
        assertThat(c.consensus(NODE).driver().status().peerClaims()).containsEntry(BYZANTINE, 1L)
                .containsEntry(SECOND, 1L);
        assertThat(c.consensus(NODE).status().vouchedPeerHeight()).isEqualTo(1);
        assertThat(rejectedTotal(c)).isGreaterThanOrEqualTo(forgeries.size());
        assertThat(counter(c, "consensus.rejected.BAD_CERTIFICATE")).isGreaterThanOrEqualTo(3);
        assertThat(counter(c, "consensus.rejected.INVALID_BLOCK")).isGreaterThanOrEqualTo(2);
        assertThat(counter(c, "sync.blocksApplied")).isZero();
        assertHealthy(c);
    }

    /**
     * v1 and v2 now serve the genuine chain (its records also on the input topic) and vouch for its top; v0 goes
     * on serving the last forgery and claims the top too: the node stores the genuine chain.
     */
    private static void catchesUpFromTheGenuineChain(Cluster c, List<FakePeer> peers, TestChain honest,
                                                     List<DecidedBlock> genuine, Rejections rejections)
            throws Exception {
        KAFKA.produce(c.chainId() + ".messages", 0, honest.payloads(0));
        KAFKA.produce(c.chainId() + ".messages", 1, honest.payloads(1));
        DecidedBlock top = genuine.get(genuine.size() - 1);
        for (int p : List.of(SECOND, THIRD)) {
            peers.get(p).serve(from -> from >= 1 && from <= genuine.size()
                    ? genuine.subList((int) from - 1, genuine.size()).stream()
                            .map(b -> wire(b.header(), b.certificate(), b.messages())).toList()
                    : List.of());
        }
        for (int p : List.of(BYZANTINE, SECOND, THIRD)) {
            postStatus(c, p, top.height(), top.blockId());
        }
        Await.until(DEADLINE, () -> "caught up to height " + top.height() + " " + c.describe(),
                () -> c.consensus(NODE).status().height() == top.height());
        for (DecidedBlock b : genuine) {
            assertThat(c.store(NODE).block(b.height())).hasValueSatisfying(row ->
                    assertThat(Bytes.wrap(row.blockId())).isEqualTo(b.blockId()));
            assertThat(getJson(c, "/v1/blocks/" + b.height(), 200).get("id").asText()).isEqualTo(b.blockId().toHex());
        }
        assertThat(storedMessages(c)).isEqualTo(genuine.stream().mapToLong(b -> b.messages().size()).sum());
        // every core rejection in this test is of a synced block (no peer sends consensus messages), so once
        // the node is idle the counter equals the rejections it logged: the stored blocks are not counted
        Await.until(DEADLINE, () -> "consensus.rejected.* " + rejectedTotal(c) + " = rejections "
                + rejections.seen.size(), () -> rejectedTotal(c) == rejections.seen.size());
        Await.until(DEADLINE, "the node counted the applied blocks",
                () -> counter(c, "sync.blocksApplied") == genuine.size());
        assertHealthy(c);
    }

    /** The five forgeries of height 1, each on top of the genuine block 1 of the node's chain. */
    private static List<Forgery> forgeries(ChainConfig chain, DecidedBlock b) {
        List<CommitSignature> sigs = b.certificate().signatures();
        List<CommitSignature> flipped = sigs.stream()
                .map(s -> new CommitSignature(s.validatorIndex(), flipFirstByte(s.signature()))).toList();
        QuorumCertificate badSignatures = withSignatures(b.certificate(), flipped);
        QuorumCertificate sameSignerTwice = withSignatures(b.certificate(), List.of(sigs.get(0), sigs.get(0),
                sigs.get(1)));
        QuorumCertificate belowQuorum = withSignatures(b.certificate(), sigs.subList(0, chain.validators().quorum() - 1));

        ChainConfig other = new ChainConfig("forged-elsewhere", chain.validators(), chain.genesisTimeMs(),
                chain.timeouts(), chain.blockMessagesMax(), chain.blockBytesMax(), chain.maxClockDriftMs(),
                chain.emptyBlockIntervalMs());
        DecidedBlock elsewhere = new TestChain(other, 2).next(payloads("a", 3));

        List<SequencedMessage> swapped = new ArrayList<>(b.messages());
        SequencedMessage first = swapped.get(0);
        byte[] body = "not the certified message".getBytes(StandardCharsets.UTF_8);
        swapped.set(0, new SequencedMessage(0, first.partition(), first.offset(),
                Bytes.wrap(Keccak256.hash(body)), Bytes.wrap(body)));

        return List.of(
                new Forgery("signatures that do not verify", wire(b.header(), badSignatures, b.messages()),
                        RejectCode.BAD_CERTIFICATE, "bad signature of validator " + sigs.get(0).validatorIndex()),
                new Forgery("one signer counted twice", wire(b.header(), sameSignerTwice, b.messages()),
                        RejectCode.BAD_CERTIFICATE, "validator index " + sigs.get(0).validatorIndex()
                        + " unknown or not strictly ascending"),
                new Forgery("fewer than 2f+1 signers", wire(b.header(), belowQuorum, b.messages()),
                        RejectCode.BAD_CERTIFICATE, (chain.validators().quorum() - 1) + " signatures, quorum is "
                        + chain.validators().quorum()),
                new Forgery("a certified block of another chain",
                        wire(elsewhere.header(), elsewhere.certificate(), elsewhere.messages()),
                        RejectCode.INVALID_BLOCK, "wrong chain id or height: chain id " + elsewhere.header().chainId()
                        + ", expected " + chain.chainId()),
                new Forgery("a certified header with other messages", wire(b.header(), b.certificate(), swapped),
                        RejectCode.INVALID_BLOCK, "recomputed roots differ from the header's"));
    }

    private static QuorumCertificate withSignatures(QuorumCertificate c, List<CommitSignature> signatures) {
        return new QuorumCertificate(c.height(), c.round(), c.blockId(), signatures);
    }

    private static Bytes flipFirstByte(Bytes b) {
        byte[] a = b.toArray();
        a[0] ^= 0x01;
        return Bytes.wrap(a);
    }

    /** A block as {@code GET /internal/blocks} carries it, encoded by the serving side's own codec. */
    private static byte[] wire(BlockHeader header, QuorumCertificate certificate, List<SequencedMessage> messages) {
        List<MessageRow> rows = new ArrayList<>();
        List<MessageSourceRow> sources = new ArrayList<>();
        for (SequencedMessage m : messages) {
            rows.add(new MessageRow(m.messageId().toArray(), header.height(), m.index(), m.payload().toArray()));
            sources.add(new MessageSourceRow(header.height(), m.index(), m.partition(), m.offset()));
        }
        return SyncBlocksCodec.encodeBlock(header.encode(), certificate.encode(), rows, sources);
    }

    private static List<byte[]> payloads(String tag, int n) {
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add((tag + "-" + i).getBytes(StandardCharsets.UTF_8));
        }
        return out;
    }

    /** Validator {@code from} announces its decided tip as production validators do: a STATUS signed with its key. */
    private static void postStatus(Cluster c, int from, long tipHeight, Bytes tipId) throws Exception {
        GossipSigner signer = new GossipSigner(c.chainId(), from, TestKeys.validator(from).signing());
        GossipEnvelope status = signer.sign(tipHeight + 1, 0, GossipType.STATUS, Payloads.status(tipHeight, tipId));
        HttpRequest post = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + c.gossipPort(NODE) + "/internal/gossip"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(EnvelopeJson.of(status).toBytes())).build();
        assertThat(HTTP.send(post, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(202);
    }

    private static void assertNothingStored(Cluster c) throws Exception {
        assertThat(c.consensus(NODE).status().height()).isZero();
        assertThat(c.store(NODE).latest()).isEmpty();
        assertThat(storedMessages(c)).isZero();
        assertThat(getJson(c, "/v1/blocks/latest", 200).get("height").asLong()).isZero();
        getJson(c, "/v1/blocks/1", 404);
        assertThat(c.consensus(NODE).driver().alive()).isTrue();
    }

    private static void assertHealthy(Cluster c) {
        Map<String, HealthCheck.Result> health = c.healthChecks(NODE).runHealthChecks();
        assertThat(health).containsKeys("consensus-driver", "consensus-lag", "peer-quorum");
        assertThat(health).allSatisfy((name, r) -> assertThat(r.isHealthy()).as(name + ": " + r).isTrue());
    }

    private static long counter(Cluster c, String name) {
        return c.metrics(NODE).counter(name).getCount();
    }

    /** Every core rejection counted, over all codes. */
    private static long rejectedTotal(Cluster c) {
        long total = 0;
        for (RejectCode code : RejectCode.values()) {
            total += counter(c, "consensus.rejected." + code.name());
        }
        return total;
    }

    private static long storedMessages(Cluster c) {
        return c.jdbi(NODE).withHandle(h -> h.createQuery("SELECT count(*) FROM messages").mapTo(Long.class).one());
    }

    private static JsonNode getJson(Cluster c, String path, int status) throws Exception {
        HttpRequest get = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + c.port(NODE) + path)).GET().build();
        HttpResponse<String> response = HTTP.send(get, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(status);
        return JSON.readTree(response.body());
    }

    /**
     * A peer validator's HTTP side: accepts every gossip envelope (202) and answers
     * {@code /internal/blocks?from=H} with whatever its current behaviour returns for H.
     */
    private static final class FakePeer {
        private final HttpServer server;
        private volatile LongFunction<List<byte[]>> blocks = from -> List.of();

        private FakePeer(HttpServer server) {
            this.server = server;
        }

        static FakePeer start(int port) throws IOException {
            FakePeer peer = new FakePeer(HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0));
            peer.server.createContext("/internal/gossip", exchange -> {
                exchange.getRequestBody().readAllBytes();
                respond(exchange, 202, "{\"status\":\"accepted\"}".getBytes(StandardCharsets.UTF_8));
            });
            peer.server.createContext("/internal/blocks", exchange -> {
                long from = Long.parseLong(exchange.getRequestURI().getQuery().replaceAll(".*from=(\\d+).*", "$1"));
                respond(exchange, 200, SyncBlocksCodec.encodeResponse(peer.blocks.apply(from)));
            });
            peer.server.start();
            return peer;
        }

        void serve(LongFunction<List<byte[]>> behaviour) {
            this.blocks = behaviour;
        }

        void stop() {
            server.stop(0);
        }

        private static void respond(HttpExchange exchange, int status, byte[] body) throws IOException {
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /**
     * The driver's record of each rejection ("rejected {code}: {detail}", logged by OutputReports at DEBUG),
     * captured for this test only; the logger is restored afterwards.
     */
    private static final class Rejections extends AppenderBase<ILoggingEvent> {
        private static final String LOGGER = "io.diseq.node.consensus.OutputReports";
        final List<String> seen = new CopyOnWriteArrayList<>();
        private Level previousLevel;
        private boolean previousAdditive;

        static Rejections attach() {
            Rejections r = new Rejections();
            Logger logger = (Logger) LoggerFactory.getLogger(LOGGER);
            r.previousLevel = logger.getLevel();
            r.previousAdditive = logger.isAdditive();
            r.setContext(logger.getLoggerContext());
            r.start();
            logger.addAppender(r);
            logger.setLevel(Level.DEBUG);
            logger.setAdditive(false);
            return r;
        }

        void detach() {
            Logger logger = (Logger) LoggerFactory.getLogger(LOGGER);
            logger.detachAppender(this);
            logger.setLevel(previousLevel);
            logger.setAdditive(previousAdditive);
            stop();
        }

        @Override
        protected void append(ILoggingEvent event) {
            Object[] args = event.getArgumentArray();
            if (event.getMessage().startsWith("rejected ") && args != null && args.length == 2) {
                seen.add(args[0] + ": " + args[1]);
            }
        }
    }
}
