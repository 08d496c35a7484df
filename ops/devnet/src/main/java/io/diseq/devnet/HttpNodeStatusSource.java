package io.diseq.devnet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * Reads a validator's state over HTTP. Liveness: the admin {@code /ping}. Height: the REST
 * {@code /v1/status} field {@code height} when the node serves it, else the admin gauge
 * {@code publisher.publishedHeight}. Time to finality: the admin histogram {@value #TTF_HISTOGRAM}
 * (milliseconds, docs/operations-node.md) when the node registers it. Anything missing stays unknown.
 */
final class HttpNodeStatusSource implements NodeStatusSource {
    static final String TTF_HISTOGRAM = "consensus.finalityMs";
    static final String HEIGHT_GAUGE = "publisher.publishedHeight";

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    @Override
    public NodeStatus poll(ValidatorEndpoints node) {
        if (get(node.ping()).isEmpty()) {
            return NodeStatus.down(node.id());
        }
        Optional<JsonNode> status = get(node.status()).flatMap(HttpNodeStatusSource::json);
        Optional<JsonNode> metrics = get(node.metrics()).flatMap(HttpNodeStatusSource::json);
        OptionalLong height = status.map(s -> s.path("height")).filter(JsonNode::canConvertToLong)
                .map(h -> OptionalLong.of(h.asLong()))
                .orElseGet(() -> metrics.map(m -> m.path("gauges").path(HEIGHT_GAUGE).path("value"))
                        .filter(JsonNode::canConvertToLong).map(h -> OptionalLong.of(h.asLong()))
                        .orElse(OptionalLong.empty()));
        JsonNode histogram = metrics.map(m -> m.path("histograms").path(TTF_HISTOGRAM)).orElse(null);
        return new NodeStatus(node.id(), true, height, number(histogram, "p50"), number(histogram, "p99"));
    }

    private static OptionalDouble number(JsonNode histogram, String field) {
        if (histogram == null || !histogram.path(field).isNumber()) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(histogram.path(field).asDouble());
    }

    private Optional<String> get(URI uri) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2)).GET()
                    .build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? Optional.of(response.body()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private static Optional<JsonNode> json(String body) {
        try {
            return Optional.of(JSON.readTree(body));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
