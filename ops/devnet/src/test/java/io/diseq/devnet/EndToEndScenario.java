package io.diseq.devnet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.diseq.client.ClientConfig;
import io.diseq.client.DiseqClient;
import io.diseq.client.Publisher;
import io.diseq.core.chain.BlockHeader;
import io.diseq.core.chain.ValidatorSet;
import io.diseq.core.util.Bytes;
import io.diseq.core.util.Hex;
import io.diseq.schemas.MessageId;
import io.diseq.schemas.Topics;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The end-to-end scenario the devnet smoke test and the Testcontainers test share: publish messages
 * with the client library, see each one in a finalized block on every validator (its REST receipt),
 * see those blocks on {@code <chain>.blocks} exactly once per height with the same block ids, and
 * verify every receipt offline with only the validators' public keys.
 */
final class EndToEndScenario {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String bootstrap;
    private final String chainId;
    private final ValidatorSet validators;
    private final List<URI> restEndpoints;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    EndToEndScenario(String bootstrap, String chainId, ValidatorSet validators, List<URI> restEndpoints) {
        this.bootstrap = bootstrap;
        this.chainId = chainId;
        this.validators = validators;
        this.restEndpoints = List.copyOf(restEndpoints);
    }

    void run(int messages, Duration deadline) throws Exception {
        List<Bytes> ids = publish(messages);
        Map<Long, Bytes> blockIds = new TreeMap<>();
        for (URI node : restEndpoints) {
            for (Bytes id : ids) {
                JsonNode receipt = awaitReceipt(node, id, deadline);
                BlockHeader header = ReceiptCheck.verify(receipt, chainId, validators, id);
                Bytes previous = blockIds.putIfAbsent(header.height(), header.id());
                assertThat(previous == null || previous.equals(header.id()))
                        .as("validators agree on the block at height %d", header.height()).isTrue();
            }
        }
        long top = blockIds.keySet().stream().mapToLong(Long::longValue).max().orElseThrow();
        Map<Long, Bytes> onTopic = readBlockTopicUpTo(top, deadline);
        blockIds.forEach((height, id) -> assertThat(onTopic.get(height)).as("block topic at height %d", height)
                .isEqualTo(id));
    }

    private List<Bytes> publish(int count) throws Exception {
        DiseqClient client = DiseqClient.connect(new ClientConfig(bootstrap, chainId, Duration.ofSeconds(30)));
        List<Bytes> ids = new ArrayList<>();
        try (Publisher publisher = client.publisher()) {
            String run = Long.toHexString(System.nanoTime());
            for (int i = 0; i < count; i++) {
                MessageId id = publisher.publish(("smoke " + run + " " + i).getBytes(StandardCharsets.UTF_8))
                        .get(30, TimeUnit.SECONDS);
                ids.add(Bytes.fromHex(id.toHex()));
            }
        }
        return ids;
    }

    private JsonNode awaitReceipt(URI node, Bytes id, Duration deadline) {
        URI uri = node.resolve("/v1/messages/" + Hex.encode(id.toArray()) + "/receipt");
        JsonNode[] found = new JsonNode[1];
        Await.until(deadline, "the receipt of " + id + " on " + node, () -> {
            found[0] = get(uri);
            return found[0] != null;
        });
        return found[0];
    }

    private JsonNode get(URI uri) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? JSON.readTree(r.body()) : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** Heights 1..top of the block topic (read_committed), asserting exactly one record per height, in order. */
    private Map<Long, Bytes> readBlockTopicUpTo(long top, Duration deadline) throws IOException {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        Map<Long, Bytes> blocks = new TreeMap<>();
        List<Long> order = new ArrayList<>();
        TopicPartition tp = new TopicPartition(Topics.forChain(chainId).blocks().name(), 0);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            long end = System.nanoTime() + deadline.toNanos();
            while (order.isEmpty() || order.get(order.size() - 1) < top) {
                assertThat(System.nanoTime()).as("block topic reaches height %d", top).isLessThan(end);
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    JsonNode block = JSON.readTree(r.value());
                    order.add(block.path("height").asLong());
                    blocks.put(block.path("height").asLong(), Bytes.fromHex(block.path("blockId").asText()));
                }
            }
        }
        for (int i = 0; i < order.size(); i++) {
            assertThat(order.get(i)).as("record %d of the block topic", i).isEqualTo(order.get(0) + i);
        }
        return blocks;
    }
}
