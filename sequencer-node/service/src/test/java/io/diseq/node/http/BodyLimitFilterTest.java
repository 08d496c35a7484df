package io.diseq.node.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.diseq.node.testing.RestoreTestLogging;
import io.dropwizard.testing.junit5.DropwizardClientExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@Tag("integration")
@ExtendWith({RestoreTestLogging.class, DropwizardExtensionsSupport.class})
class BodyLimitFilterTest {
    @Path("/v1/echo")
    public static class Echo {
        @POST
        @Consumes(MediaType.WILDCARD)
        public String echo(String body) {
            return "read " + body.length();
        }
    }

    static final DropwizardClientExtension CLIENT = new DropwizardClientExtension(
            new Echo(), new BodyLimitFilter(100), new ApiExceptionMapper());

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void bodiesWithinTheLimitPass() throws Exception {
        HttpResponse<String> r = post(HttpRequest.BodyPublishers.ofByteArray(new byte[100]));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("read 100");
    }

    @Test
    void declaredOversizedBodyIsRefusedBeforeReading() throws Exception {
        assertTooLarge(post(HttpRequest.BodyPublishers.ofByteArray(new byte[101])));
    }

    @Test
    void chunkedOversizedBodyIsCutOff() throws Exception {
        assertTooLarge(post(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(new byte[5000]))));
    }

    private static void assertTooLarge(HttpResponse<String> r) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(413);
        assertThat(new ObjectMapper().readTree(r.body()).get("code").asText()).isEqualTo("TOO_LARGE");
    }

    private HttpResponse<String> post(HttpRequest.BodyPublisher body) throws Exception {
        URI uri = URI.create(CLIENT.baseUri() + "/v1/echo");
        return http.send(HttpRequest.newBuilder(uri).POST(body).build(), HttpResponse.BodyHandlers.ofString());
    }
}
