package io.diseq.node.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.Gauge;
import io.diseq.node.NodeApplication;
import io.diseq.node.config.NodeConfiguration;
import io.diseq.node.testing.Await;
import io.diseq.node.testing.KafkaExtension;
import io.diseq.node.testing.PostgresExtension;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.ResourceHelpers;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Slow clients that hold every thread of the public pool (bodies that never finish, with the data-rate
 * minimum off as an operator might set it) do not reach the gossip server: while requests queue for the
 * public pool, the gossip port still answers.
 */
@Tag("integration")
class ConnectorIsolationTest {
    private static final int PUBLIC_THREADS = 12;
    private static final int SLOW_CLIENTS = 40;
    private static final String PUBLIC_QUEUE = "org.eclipse.jetty.util.thread.QueuedThreadPool.dw.jobs";

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
            ConfigOverride.config("keyFile", () -> ResourceHelpers.resourceFilePath("keys/v0.key")),
            ConfigOverride.config("server.maxThreads", String.valueOf(PUBLIC_THREADS)),
            ConfigOverride.config("server.minThreads", String.valueOf(PUBLIC_THREADS)),
            ConfigOverride.config("http.minRequestBytesPerSecond", "0"),
            ConfigOverride.config("http.idleTimeoutMs", "120000"));

    @Test
    void gossipAnswersWhileThePublicPoolIsSaturated() throws Exception {
        List<Socket> slow = new ArrayList<>();
        try {
            for (int i = 0; i < SLOW_CLIENTS; i++) {
                slow.add(startSlowBody(APP.getLocalPort()));
            }
            Await.until(Duration.ofSeconds(30), "requests queue for the public thread pool",
                    () -> publicQueue() > 0);
            int gossipPort = ((NodeApplication) APP.getApplication()).gossipPort();
            for (int i = 0; i < 5; i++) {
                RawHttp.Reply reply = RawHttp.exchange(gossipPort, "POST /internal/gossip HTTP/1.1\r\nHost: x\r\n"
                        + "Connection: close\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}");
                assertThat(reply.status()).as(reply.body()).isEqualTo(400);
                assertThat(reply.body()).contains("\"MALFORMED\"");
            }
            assertThat(publicQueue()).as("the public pool is still saturated").isPositive();
        } finally {
            for (Socket s : slow) {
                s.close();
            }
        }
    }

    private static int publicQueue() {
        Gauge<?> gauge = APP.getEnvironment().metrics().getGauges().get(PUBLIC_QUEUE);
        return gauge == null ? -1 : ((Number) gauge.getValue()).intValue();
    }

    /** A submit whose body starts (so a thread is dispatched and blocks reading it) and never finishes. */
    private static Socket startSlowBody(int port) throws IOException {
        Socket socket = new Socket("127.0.0.1", port);
        socket.getOutputStream().write(("POST /v1/messages HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "Content-Length: 1000\r\n\r\n{").getBytes(StandardCharsets.ISO_8859_1));
        socket.getOutputStream().flush();
        return socket;
    }
}
