package io.diseq.node.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.diseq.node.testing.Await;
import io.dropwizard.jackson.Jackson;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The gossip server alone (no database, no broker): its error layer answers JSON for what Jetty rejects. */
@Tag("unit")
class InternalServerTest {
    /** A stand-in internal resource. */
    @Path("/internal/ping")
    public static final class Ping {
        @GET
        @Produces("text/plain")
        public String ping() {
            return "pong";
        }
    }

    /**
     * Reads the first byte of the body, waits until four minimum-rate allowances (the strict server's
     * header timeout) have passed, then reads the rest: what a resource whose thread a loaded machine
     * parks between two reads does.
     */
    @Path("/internal/late")
    public static final class LateReader {
        @POST
        @Produces("text/plain")
        public String echo(InputStream body) throws IOException {
            long start = System.nanoTime();
            int first = body.read();
            Await.until(Duration.ofSeconds(10), "four allowances passed",
                    () -> System.nanoTime() - start > 4 * TimeUnit.MILLISECONDS.toNanos(STRICT_HEADER_TIMEOUT_MS));
            return (char) first + new String(body.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static final long STRICT_HEADER_TIMEOUT_MS = 50;
    private static final HeaderTimeout HEADER_TIMEOUT = new HeaderTimeout(1_000);
    private static InternalServer server;
    /** 4096 B/s after a 50 ms allowance, its header timeout not swept (a sweep at 50 ms could race a parse). */
    private static InternalServer strict;

    @BeforeAll
    static void start() throws Exception {
        server = new InternalServer(new InternalServer.Settings("127.0.0.1", 0, 2, 8, 16,
                new ConnectorLimits(5_000, 1_000, 100, 100)), Jackson.newObjectMapper(), HEADER_TIMEOUT);
        server.register(new Ping());
        server.start();
        HEADER_TIMEOUT.start();
        strict = new InternalServer(new InternalServer.Settings("127.0.0.1", 0, 2, 8, 16,
                new ConnectorLimits(5_000, STRICT_HEADER_TIMEOUT_MS, 4_096, 100)), Jackson.newObjectMapper(),
                new HeaderTimeout(STRICT_HEADER_TIMEOUT_MS));
        strict.register(new LateReader());
        strict.start();
    }

    @AfterAll
    static void stop() throws Exception {
        HEADER_TIMEOUT.stop();
        server.stop();
        strict.stop();
    }

    /**
     * The minimum request rate never fails a body that has arrived, however late the resource reads it:
     * Jetty's own check failed this 2-byte body (408, "slower than 4096 B/s") on the read after the first.
     */
    @Test
    void aCompleteBodyReadLateIsNotSlow() throws Exception {
        RawHttp.Reply reply = RawHttp.exchange(strict.port(), "POST /internal/late HTTP/1.1\r\nHost: x\r\n"
                + "Connection: close\r\nContent-Type: application/octet-stream\r\nContent-Length: 2\r\n\r\n{}");
        assertThat(reply.status()).as(reply.head() + reply.body()).isEqualTo(200);
        assertThat(reply.body()).isEqualTo("{}");
    }

    @Test
    void servesItsResources() throws Exception {
        RawHttp.Reply reply = RawHttp.exchange(server.port(), RawHttp.get("GET", "/internal/ping"));
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body()).isEqualTo("pong");
    }

    @Test
    void jettyRejectionsAreJson() throws Exception {
        for (String request : new String[] {RawHttp.get("GET", "/internal/%00"), RawHttp.get("GET", "/internal/a%2Fb"),
                "GET /internal/ping HTTP/1.1\r\nHost: x\r\nno colon\r\n\r\n", "BLAH\u0001 / HTTP/1.1\r\n\r\n"}) {
            RawHttp.Reply reply = RawHttp.exchange(server.port(), request);
            assertThat(reply.status()).as(request).isEqualTo(400);
            assertThat(reply.body()).as(request + reply.head()).startsWith("{\"code\":\"BAD_REQUEST\"");
        }
    }

    @Test
    void jerseyRejectionsAreJson() throws Exception {
        assertThat(RawHttp.exchange(server.port(), RawHttp.get("GET", "/nope")).body())
                .startsWith("{\"code\":\"NOT_FOUND\"");
        assertThat(RawHttp.exchange(server.port(), RawHttp.get("DELETE", "/internal/ping")).body())
                .startsWith("{\"code\":\"METHOD_NOT_ALLOWED\"");
        assertThat(RawHttp.exchange(server.port(), RawHttp.get("TRACE", "/internal/ping")).body())
                .startsWith("{\"code\":\"METHOD_NOT_ALLOWED\"");
    }
}
