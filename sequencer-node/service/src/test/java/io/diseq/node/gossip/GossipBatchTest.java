package io.diseq.node.gossip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.codahale.metrics.MetricRegistry;
import com.sun.net.httpserver.HttpServer;
import io.diseq.core.chain.Validator;
import io.diseq.core.chain.ValidatorSet;
import io.diseq.core.crypto.ValidatorKeys;
import io.diseq.core.runtime.GossipType;
import io.diseq.core.util.Bytes;
import io.diseq.node.http.ApiException;
import io.diseq.node.metrics.BucketHistogram;
import io.diseq.node.testing.Await;
import io.diseq.node.testing.TestKeys;
import jakarta.ws.rs.core.Response;
import java.io.ByteArrayInputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The batch form of gossip: the JSON array, the {@code /batch} resource method and the sender's batching. */
@Tag("unit")
class GossipBatchTest {
    private static final ValidatorSet SET = validatorSet();
    private final GossipSigner v1 = new GossipSigner("devnet", 1, TestKeys.validator(1).signing());

    @Test
    void aBatchBodyParsesBackToItsEnvelopesInOrder() {
        List<GossipEnvelope> sent = List.of(sign(GossipType.PROPOSAL), sign(GossipType.PREVOTE), sign(GossipType.PRECOMMIT));
        List<byte[]> encoded = sent.stream().map(e -> EnvelopeJson.of(e).toBytes()).toList();

        assertThat(EnvelopeJson.parseBatch(EnvelopeJson.batch(encoded))).contains(sent);
    }

    @Test
    void anythingButAnArrayOfOneToBatchMaxWellFormedEnvelopesIsMalformed() {
        byte[] one = EnvelopeJson.of(sign(GossipType.PREVOTE)).toBytes();
        String good = new String(one, StandardCharsets.UTF_8);
        List<String> bad = List.of("", "[]", "{}", good, "[" + good + ",{}]", "[" + good + "]x", "[" + good + ",null]",
                "[" + good.replace("\"PREVOTE\"", "\"NOPE\"") + "]", "[1]", "[[" + good + "]]");
        for (String body : bad) {
            assertThat(EnvelopeJson.parseBatch(body.getBytes(StandardCharsets.UTF_8))).as(body).isEmpty();
        }
        byte[] tooMany = EnvelopeJson.batch(Collections.nCopies(EnvelopeJson.BATCH_MAX + 1, one));
        assertThat(EnvelopeJson.parseBatch(tooMany)).isEmpty();
        assertThat(EnvelopeJson.parseBatch(EnvelopeJson.batch(Collections.nCopies(EnvelopeJson.BATCH_MAX, one))))
                .hasValueSatisfying(l -> assertThat(l).hasSize(EnvelopeJson.BATCH_MAX));
    }

    @Test
    void eachEnvelopeOfABatchIsCheckedOnItsOwn() {
        MetricRegistry metrics = new MetricRegistry();
        List<GossipEnvelope> inbox = new ArrayList<>();
        GossipResource resource = resource(inbox, 100, metrics);
        GossipEnvelope good = sign(GossipType.PREVOTE);
        GossipEnvelope forged = new GossipSigner("devnet", 1, TestKeys.validator(2).signing())
                .sign(5, 0, GossipType.PREVOTE, Bytes.EMPTY);
        GossipEnvelope other = sign(GossipType.PRECOMMIT);

        Response r = resource.receiveBatch(body(good, forged, good, other));

        assertThat(r.getStatus()).isEqualTo(200);
        assertThat(r.getEntity()).isEqualTo(Map.of("accepted", 2, "rejected", 2));
        assertThat(inbox).containsExactly(good, other);
        assertThat(metrics.counter("gossip.rejected.BAD_SIGNATURE").getCount()).isEqualTo(1);
        assertThat(metrics.counter("gossip.rejected.REPLAYED").getCount()).isEqualTo(1);
        assertThat(metrics.counter("gossip.accepted").getCount()).isEqualTo(2);
        assertThatThrownBy(() -> resource.receiveBatch(new ByteArrayInputStream("[]".getBytes(StandardCharsets.UTF_8))))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(GossipRejectCode.MALFORMED));
    }

    @Test
    void aFullInboxAnswersTheWholeBatchOverloadedSoThatTheSenderRetriesIt() {
        List<GossipEnvelope> inbox = new ArrayList<>();
        GossipResource resource = resource(inbox, 1, new MetricRegistry());
        GossipEnvelope first = sign(GossipType.PREVOTE);

        assertThatThrownBy(() -> resource.receiveBatch(body(first, sign(GossipType.PRECOMMIT))))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(GossipRejectCode.OVERLOADED));
        assertThat(inbox).containsExactly(first);
    }

    @Test
    void theSenderDeliversEveryEnvelopeWithOrWithoutTheBatchPath() throws Exception {
        for (boolean batchPath : new boolean[] {true, false}) {
            ConcurrentLinkedQueue<GossipEnvelope> received = new ConcurrentLinkedQueue<>();
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/internal/gossip", exchange -> {
                byte[] body = exchange.getRequestBody().readAllBytes();
                boolean batch = exchange.getRequestURI().getPath().endsWith("/batch");
                int status;
                if (batch && !batchPath) {
                    status = 404;
                } else if (batch) {
                    status = EnvelopeJson.parseBatch(body).map(received::addAll).isPresent() ? 200 : 400;
                } else {
                    status = EnvelopeJson.parse(body).map(received::add).isPresent() ? 202 : 400;
                }
                exchange.sendResponseHeaders(status, -1);
                exchange.close();
            });
            server.start();
            URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/internal/gossip");
            GossipClient client = new GossipClient(Map.of(0, url), Duration.ofSeconds(2), Duration.ofSeconds(5),
                    new RetryPolicy(3, 10, 100), 1_000, new BucketHistogram(BucketHistogram.LATENCY_MS), 4_096);
            client.start();
            try {
                Set<Long> sent = new TreeSet<>();
                for (int i = 0; i < 200; i++) {
                    GossipEnvelope e = v1.sign(5, i, GossipType.PREVOTE, Bytes.wrap(new byte[40]));
                    sent.add(e.sequence());
                    client.send(0, e);
                }
                Await.until(Duration.ofSeconds(30), "every envelope delivered (batch path " + batchPath + ")",
                        () -> received.size() >= sent.size() && client.peers().get(0).delivered() >= sent.size());
                Set<Long> got = new TreeSet<>();
                received.forEach(e -> got.add(e.sequence()));
                assertThat(got).isEqualTo(sent);
                assertThat(received).hasSize(sent.size());
                assertThat(client.peers().get(0).delivered()).isEqualTo(sent.size());
            } finally {
                client.stop();
                server.stop(0);
            }
        }
    }

    /** 408 means the peer did not get the body in time, not that it judged the envelope: the sender retries. */
    @Test
    void aRequestTimeoutIsRetried() throws Exception {
        ConcurrentLinkedQueue<GossipEnvelope> received = new ConcurrentLinkedQueue<>();
        AtomicInteger requests = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/internal/gossip", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            int status = 408;
            if (requests.incrementAndGet() % 2 == 0) {
                boolean batch = exchange.getRequestURI().getPath().endsWith("/batch");
                boolean parsed = batch ? EnvelopeJson.parseBatch(body).map(received::addAll).isPresent()
                        : EnvelopeJson.parse(body).map(received::add).isPresent();
                status = parsed ? 200 : 400;
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
        URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/internal/gossip");
        GossipClient client = new GossipClient(Map.of(0, url), Duration.ofSeconds(2), Duration.ofSeconds(5),
                new RetryPolicy(3, 10, 100), 1_000, new BucketHistogram(BucketHistogram.LATENCY_MS), 4_096);
        client.start();
        try {
            Set<Long> sent = new TreeSet<>();
            for (int i = 0; i < 50; i++) {
                GossipEnvelope e = v1.sign(5, i, GossipType.PREVOTE, Bytes.wrap(new byte[40]));
                sent.add(e.sequence());
                client.send(0, e);
            }
            Await.until(Duration.ofSeconds(30), "every envelope delivered through 408s",
                    () -> client.peers().get(0).delivered() >= sent.size());
            Set<Long> got = new TreeSet<>();
            received.forEach(e -> got.add(e.sequence()));
            assertThat(got).isEqualTo(sent);
            assertThat(client.peers().get(0).failed()).as("no envelope given up").isZero();
        } finally {
            client.stop();
            server.stop(0);
        }
    }

    private GossipEnvelope sign(GossipType type) {
        return v1.sign(5, 0, type, Bytes.wrap(new byte[] {1, 2, 3}));
    }

    private static ByteArrayInputStream body(GossipEnvelope... envelopes) {
        List<byte[]> encoded = new ArrayList<>();
        for (GossipEnvelope e : envelopes) {
            encoded.add(EnvelopeJson.of(e).toBytes());
        }
        return new ByteArrayInputStream(EnvelopeJson.batch(encoded));
    }

    private static GossipResource resource(List<GossipEnvelope> inbox, int capacity, MetricRegistry metrics) {
        GossipInbox bounded = new GossipInbox() {
            @Override
            public synchronized boolean offer(GossipEnvelope envelope) {
                return inbox.size() < capacity && inbox.add(envelope);
            }

            @Override
            public synchronized int size() {
                return inbox.size();
            }
        };
        return new GossipResource(new GossipVerifier("devnet", SET, 0, 16), bounded, 1 << 20, metrics);
    }

    private static ValidatorSet validatorSet() {
        List<Validator> validators = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            ValidatorKeys k = TestKeys.validator(i);
            validators.add(new Validator("v" + i, Bytes.of(k.signing().publicKey()), Bytes.of(k.vrfPublicKey()),
                    "http://v" + i));
        }
        return new ValidatorSet(validators);
    }
}
