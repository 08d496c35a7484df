package io.diseq.node.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.jackson.Jackson;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
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

    private static final HeaderTimeout HEADER_TIMEOUT = new HeaderTimeout(1_000);
    private static InternalServer server;

    @BeforeAll
    static void start() throws Exception {
        server = new InternalServer(new InternalServer.Settings("127.0.0.1", 0, 2, 8, 16,
                new ConnectorLimits(5_000, 1_000, 100, 100)), Jackson.newObjectMapper(), HEADER_TIMEOUT);
        server.register(new Ping());
        server.start();
        HEADER_TIMEOUT.start();
    }

    @AfterAll
    static void stop() throws Exception {
        HEADER_TIMEOUT.stop();
        server.stop();
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
