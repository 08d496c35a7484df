package io.diseq.node.consensus;

import static io.diseq.node.consensus.ClusterChecks.assertNoFork;
import static io.diseq.node.consensus.ClusterChecks.height;
import static io.diseq.node.consensus.ClusterChecks.messages;
import static io.diseq.node.consensus.ClusterChecks.produce;
import static io.diseq.node.consensus.ClusterChecks.sequenced;
import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.Gauge;
import com.codahale.metrics.health.HealthCheck;
import io.diseq.node.testing.Await;
import io.diseq.node.testing.Cluster;
import io.diseq.node.testing.KafkaExtension;
import io.diseq.node.testing.PostgresExtension;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 10, end to end: a real network of four validators whose public APIs are all attacked at once, by a
 * flood (many concurrent requests on every validator, more than its public thread pool has threads, so
 * requests queue) and by slow clients (connections that send one header or body byte every two seconds and
 * reconnect whenever the server cuts them off). Gossip has its own connector and pool (docs/operations-node.md
 * §Connectors), so while the attack goes on the chain must keep finalizing new heights on every
 * validator, every health check stays green, and no validator forks. Every expectation is a condition with
 * a deadline; nothing is timed.
 */
@Tag("integration")
class ApiSaturationTest {
    private static final Duration DEADLINE = Duration.ofSeconds(45);
    private static final int VALIDATORS = 4;
    private static final int PUBLIC_THREADS = 16;
    private static final int FLOOD_IN_FLIGHT = 48;
    private static final int SLOW_HEADERS = 12;
    private static final int SLOW_BODIES = 12;
    private static final long SLOW_BYTE_EVERY_MS = 2_000;
    private static final int NEW_HEIGHTS = 10;
    private static final String PUBLIC_QUEUE = "org.eclipse.jetty.util.thread.QueuedThreadPool.dw.jobs";

    @RegisterExtension
    @Order(1)
    static final KafkaExtension KAFKA = new KafkaExtension();

    @RegisterExtension
    @Order(2)
    static final PostgresExtension PG = new PostgresExtension();

    @Test
    void consensusFinalizesWhileEveryPublicApiIsFloodedAndHeldBySlowClients() throws Exception {
        String extra = ConsensusClusterTest.FAST + "blockLimits:\n  maxMessages: 5\nhttp:\n  headerTimeoutMs: 3000\n";
        String server = "  minThreads: " + PUBLIC_THREADS + "\n  maxThreads: " + PUBLIC_THREADS + "\n";
        try (Cluster c = new Cluster("saturated", VALIDATORS, KAFKA, PG, extra, server)) {
            c.startAll();
            produce(KAFKA, c.chainId(), messages("before", 10));
            awaitSequenced(c, 10);
            long before = LongStream.range(0, VALIDATORS).map(i -> height(c, (int) i)).max().orElseThrow();

            try (Attack attack = new Attack(c)) {
                Await.until(DEADLINE, () -> "every public API is saturated: " + attack.describe(c),
                        () -> attack.saturatedEverywhere(c));
                // 100 messages at most 5 per block: at least 20 more heights, decided under attack
                produce(KAFKA, c.chainId(), messages("under-attack", 100));
                for (int i = 0; i < VALIDATORS; i++) {
                    int v = i;
                    Await.until(DEADLINE, () -> "validator " + v + " finalized " + NEW_HEIGHTS + " new heights above "
                            + before + " under attack: " + c.describe() + attack.describe(c),
                            () -> height(c, v) >= before + NEW_HEIGHTS);
                }
                awaitSequenced(c, 110);
                for (int i = 0; i < VALIDATORS; i++) {
                    assertHealthy(c, i);
                }
                Await.until(DEADLINE, () -> "the attack is still on: " + attack.describe(c),
                        () -> attack.holding() > 0 && attack.cutOff() > 0);
                assertThat(attack.answered()).as("flood requests answered").isPositive();
            }
            assertNoFork(c);
        }
    }

    private static void awaitSequenced(Cluster c, long count) {
        for (int i = 0; i < VALIDATORS; i++) {
            int v = i;
            Await.until(DEADLINE, () -> "validator " + v + " sequenced " + count + " messages, has " + sequenced(c, v)
                    + ": " + c.describe(), () -> sequenced(c, v) >= count);
        }
    }

    private static void assertHealthy(Cluster c, int i) {
        Map<String, HealthCheck.Result> results = c.healthChecks(i).runHealthChecks();
        results.forEach((name, result) -> assertThat(result.isHealthy())
                .as("health check " + name + " of validator " + i + ": " + result.getMessage()).isTrue());
    }

    private static int publicQueue(Cluster c, int i) {
        Gauge<?> gauge = c.metrics(i).getGauges().get(PUBLIC_QUEUE);
        return gauge == null ? -1 : ((Number) gauge.getValue()).intValue();
    }

    /**
     * The attack on every validator's public port: {@value #FLOOD_IN_FLIGHT} requests in flight at all times
     * (status, latest block, the absence proof of an unknown message, a malformed submit), and slow clients
     * that write one byte per {@value #SLOW_BYTE_EVERY_MS} ms into a request's headers or body, reconnecting
     * when cut off.
     */
    private static final class Attack implements AutoCloseable {
        private static final String[] TARGETS = {"/v1/status", "/v1/blocks/latest",
            "/v1/messages/" + "ab".repeat(32) + "/receipt"};

        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicLong answered = new AtomicLong();
        private final AtomicLong cutOff = new AtomicLong();
        private final boolean[] sawQueue = new boolean[VALIDATORS];
        private final ExecutorService clientThreads = Executors.newFixedThreadPool(4);
        private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .executor(clientThreads).connectTimeout(Duration.ofSeconds(5)).build();
        private final List<Thread> flooders = new ArrayList<>();
        private final ScheduledExecutorService dribbler = Executors.newSingleThreadScheduledExecutor();
        private final List<SlowClient> slow = new ArrayList<>();

        Attack(Cluster c) {
            for (int i = 0; i < VALIDATORS; i++) {
                int port = c.port(i);
                Thread t = new Thread(() -> flood(port), "flood-v" + i);
                t.setDaemon(true);
                t.start();
                flooders.add(t);
                for (int k = 0; k < SLOW_HEADERS; k++) {
                    slow.add(new SlowClient(port, "GET /v1/status HTTP/1.1\r\nHost: x\r\nX-Slow: ", 'a'));
                }
                for (int k = 0; k < SLOW_BODIES; k++) {
                    slow.add(new SlowClient(port, "POST /v1/messages HTTP/1.1\r\nHost: x\r\nContent-Type: "
                            + "application/json\r\nContent-Length: 100000\r\n\r\n{\"data\":\"", '0'));
                }
            }
            dribbler.scheduleWithFixedDelay(this::dribble, 0, SLOW_BYTE_EVERY_MS, TimeUnit.MILLISECONDS);
        }

        private void flood(int port) {
            Semaphore inFlight = new Semaphore(FLOOD_IN_FLIGHT);
            long n = 0;
            while (running.get()) {
                try {
                    if (!inFlight.tryAcquire(100, TimeUnit.MILLISECONDS)) {
                        continue;
                    }
                } catch (InterruptedException e) {
                    return;
                }
                http.sendAsync(request(port, n++), HttpResponse.BodyHandlers.discarding()).whenComplete((r, e) -> {
                    if (r != null) {
                        answered.incrementAndGet();
                    }
                    inFlight.release();
                });
            }
        }

        private static HttpRequest request(int port, long n) {
            int kind = (int) (n % (TARGETS.length + 1));
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + (kind < TARGETS.length ? TARGETS[kind] : "/v1/messages"))).timeout(Duration.ofSeconds(20));
            return kind < TARGETS.length ? b.GET().build()
                    : b.header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"data\":\"zz\"}")).build();
        }

        private void dribble() {
            for (SlowClient s : slow) {
                if (!s.step()) {
                    cutOff.incrementAndGet();
                }
            }
        }

        /** Each validator's public pool has had requests waiting for a thread, and the slow clients are connected. */
        boolean saturatedEverywhere(Cluster c) {
            boolean all = true;
            for (int i = 0; i < VALIDATORS; i++) {
                sawQueue[i] |= publicQueue(c, i) > 0;
                all &= sawQueue[i];
            }
            return all && holding() > 0 && answered.get() > 0;
        }

        long holding() {
            return slow.stream().filter(SlowClient::connected).count();
        }

        long cutOff() {
            return cutOff.get();
        }

        long answered() {
            return answered.get();
        }

        String describe(Cluster c) {
            StringBuilder b = new StringBuilder(" attack{answered=" + answered + " slowHolding=" + holding()
                    + " slowCutOff=" + cutOff + " queues=");
            for (int i = 0; i < VALIDATORS; i++) {
                b.append(publicQueue(c, i)).append(sawQueue[i] ? "(seen)" : "").append(' ');
            }
            return b.append('}').toString();
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            dribbler.shutdownNow();
            dribbler.awaitTermination(10, TimeUnit.SECONDS);
            for (Thread t : flooders) {
                t.join(10_000);
            }
            slow.forEach(SlowClient::close);
            clientThreads.shutdownNow(); // Java 17's HttpClient has no close; its connections end with the nodes
        }
    }

    /** One slow connection: a request prefix, then one byte per step; reconnects on the step after a cut. */
    private static final class SlowClient {
        private final int port;
        private final byte[] prefix;
        private final char filler;
        private volatile Socket socket;

        SlowClient(int port, String prefix, char filler) {
            this.port = port;
            this.prefix = prefix.getBytes(StandardCharsets.ISO_8859_1);
            this.filler = filler;
        }

        /** False when the server had cut the connection (it is reopened). */
        boolean step() {
            try {
                if (socket == null) {
                    Socket s = new Socket("127.0.0.1", port);
                    s.getOutputStream().write(prefix);
                    s.getOutputStream().flush();
                    socket = s;
                    return true;
                }
                if (socket.getInputStream().available() > 0) {
                    throw new IOException("answered (the server gave up on the request)");
                }
                socket.getOutputStream().write(filler);
                socket.getOutputStream().flush();
                return true;
            } catch (IOException e) {
                close();
                return false;
            }
        }

        boolean connected() {
            Socket s = socket;
            return s != null && !s.isClosed();
        }

        void close() {
            Socket s = socket;
            socket = null;
            if (s != null) {
                try {
                    s.close();
                } catch (IOException ignored) {
                    // already gone
                }
            }
        }
    }
}
