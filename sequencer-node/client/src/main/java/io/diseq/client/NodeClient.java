package io.diseq.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/**
 * A small client of a node's public REST API {@code /v1} (schemas/openapi/diseq-node-v1.yaml): only
 * what the CLI needs, the message receipt (or the proof that the message is not sequenced). The node is not trusted: whatever it returns is verified
 * by the caller ({@link ReceiptVerifier}).
 */
public final class NodeClient {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the node answered for a receipt request. */
    public sealed interface ReceiptResponse {
        /** HTTP 200 with a JSON body (not yet verified). */
        record Found(JsonNode body) implements ReceiptResponse {}

        /**
         * HTTP 404 {@code MESSAGE_NOT_FOUND}: the node has not sequenced that id (yet). {@code body} is the
         * whole answer, with the proof of absence ({@link AbsenceVerifier}) if the node sent one.
         */
        record NotFound(String message, JsonNode body) implements ReceiptResponse {
            public boolean hasProof() {
                return body != null && body.path("absence").isObject();
            }
        }
    }

    private final URI base;
    private final Duration timeout;
    private final HttpClient http;

    /** @param base the node's REST address, e.g. {@code http://127.0.0.1:8090} */
    public NodeClient(URI base, Duration timeout) {
        this.base = base;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    public URI base() {
        return base;
    }

    /** {@code GET /v1/messages/{id}/receipt}. @throws ClientException if the node cannot be asked */
    public ReceiptResponse receipt(String messageIdHex) throws ClientException, InterruptedException {
        URI uri = URI.create(base.toString().replaceAll("/+$", "") + "/v1/messages/" + messageIdHex + "/receipt");
        HttpResponse<String> response = get(uri);
        JsonNode body = parse(response);
        if (response.statusCode() == 200 && body != null && body.isObject()) {
            return new ReceiptResponse.Found(body);
        }
        String code = body == null ? "" : body.path("code").asText("");
        String message = body == null ? "" : body.path("message").asText("");
        if (response.statusCode() == 404 && code.equals("MESSAGE_NOT_FOUND")) {
            return new ReceiptResponse.NotFound(message, body);
        }
        if (response.statusCode() == 404) {
            throw new ClientException("the node at " + base + " has no receipt endpoint (HTTP 404 for " + uri.getPath()
                    + "): check that --node is a Diseq node's REST address");
        }
        throw new ClientException("the node at " + base + " answered HTTP " + response.statusCode()
                + (code.isEmpty() ? "" : " " + code) + (message.isEmpty() ? "" : ": " + message));
    }

    private HttpResponse<String> get(URI uri) throws ClientException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/json").GET().build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw new ClientException("the node at " + base + " did not answer within " + timeout.toMillis()
                    + " ms: check --node, or raise --timeout", e);
        } catch (ConnectException e) {
            throw new ClientException("cannot reach the node at " + base + ": check --node and that the node is"
                    + " running", e);
        } catch (IOException e) {
            throw new ClientException("request to the node at " + base + " failed: " + e.getMessage()
                    + " (check --node)", e);
        }
    }

    private static JsonNode parse(HttpResponse<String> response) {
        try {
            return response.body() == null || response.body().isEmpty() ? null : JSON.readTree(response.body());
        } catch (IOException e) {
            return null;
        }
    }
}
