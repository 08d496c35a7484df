package io.diseq.node.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.diseq.core.chain.BlockHeader;
import io.diseq.core.chain.ChainConfig;
import io.diseq.core.chain.CommitSignature;
import io.diseq.core.chain.DecidedBlock;
import io.diseq.core.chain.MessageReceipt;
import io.diseq.core.chain.QuorumCertificate;
import io.diseq.core.chain.RejectCode;
import io.diseq.core.chain.SequencedMessage;
import io.diseq.core.chain.StandardConsensusCrypto;
import io.diseq.core.chain.Verdict;
import io.diseq.core.crypto.Keccak256;
import io.diseq.core.trie.TrieProofs;
import io.diseq.core.util.Bytes;
import io.diseq.core.util.Hex;
import io.diseq.node.NodeApplication;
import io.diseq.node.config.NodeConfiguration;
import io.diseq.node.store.BlockStore;
import io.diseq.node.store.BlockWrite;
import io.diseq.node.store.NodeDatabase;
import io.diseq.node.store.StoreOutcome;
import io.diseq.node.testing.KafkaExtension;
import io.diseq.node.testing.PostgresExtension;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.ResourceHelpers;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The REST API of a running node (real PostgreSQL and Kafka) over a chain of decided blocks written
 * with the core's types: receipts fetched over HTTP verify offline with only the validators' public
 * keys, and fail once any part is tampered with; blocks, ranges, state roots, status, consensus and
 * pool answer per the OpenAPI schemas; submit reaches the raw topic. Extension order: the broker and
 * the database start before the app and stop after it.
 */
@Tag("integration")
class RestApiTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    @Order(1)
    static final KafkaExtension KAFKA = new KafkaExtension().withTopic("apptest.messages", 2)
            .withTopic("apptest.blocks", 1).withTopic("apptest.messages.raw", 2);

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
            ConfigOverride.config("blockLimits.maxMessageBytes", "200"));

    static final List<DecidedBlock> CHAIN = new ArrayList<>();
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void storeDecidedBlocks() {
        BlockStore store = new BlockStore(NodeDatabase.open(Jdbi.create(PG.classJdbcUrl())), nodes -> { });
        TestChain chain = new TestChain(chainConfig(), 2);
        List<List<byte[]>> contents = List.of(
                payloads("alpha", "beta", "gamma", "delta", "epsilon"),
                payloads("zeta", "beta", "eta"),
                List.of(),
                payloads("theta"));
        for (List<byte[]> payloads : contents) {
            DecidedBlock block = chain.next(payloads);
            assertThat(store.store(BlockWrite.of(block))).isEqualTo(new StoreOutcome.Stored(block.height()));
            CHAIN.add(block);
        }
    }

    static ChainConfig chainConfig() {
        return APP.getConfiguration().chainConfig();
    }

    @Test
    void everyReceiptServedOverHttpVerifiesOfflineWithOnlyThePublicKeys() throws Exception {
        int verified = 0;
        for (DecidedBlock block : CHAIN) {
            for (SequencedMessage m : block.messages()) {
                JsonNode json = getJson("/v1/messages/" + m.messageId().toHex() + "/receipt", 200);
                OpenApi.assertValid("Receipt", json);
                assertThat(json.get("height").asLong()).isEqualTo(block.height());
                assertThat(json.get("index").asInt()).isEqualTo(m.index());
                assertThat(verify(receipt(json))).isEqualTo(Verdict.ACCEPT);
                verified++;
            }
        }
        assertThat(verified).isEqualTo(8);
    }

    @Test
    void aTamperedReceiptFailsVerification() throws Exception {
        SequencedMessage m = CHAIN.get(1).messages().get(1);
        JsonNode json = getJson("/v1/messages/" + m.messageId().toHex() + "/receipt", 200);
        MessageReceipt r = receipt(json);
        assertThat(verify(r)).isEqualTo(Verdict.ACCEPT);

        assertThat(code(withStateProof(r, flipLastByteOfNode(r.stateProof(), 0)))).isEqualTo(RejectCode.BAD_PROOF);
        assertThat(code(withStateProof(r, flipLastByteOfNode(r.stateProof(), r.stateProof().size() - 1))))
                .isEqualTo(RejectCode.BAD_PROOF);
        assertThat(code(withStateProof(r, r.stateProof().subList(0, r.stateProof().size() - 1))))
                .isEqualTo(RejectCode.BAD_PROOF);
        assertThat(code(new MessageReceipt(r.header(), r.certificate(), r.index(), r.message(),
                flipLastByteOfNode(r.messagesProof(), r.messagesProof().size() - 1), r.stateProof())))
                .isEqualTo(RejectCode.BAD_PROOF);
        assertThat(code(new MessageReceipt(r.header(), r.certificate(), r.index(), Bytes.wrap("other".getBytes(
                StandardCharsets.UTF_8)), r.messagesProof(), r.stateProof()))).isEqualTo(RejectCode.BAD_PROOF);
        assertThat(code(new MessageReceipt(tamperedHeader(r.header()), r.certificate(), r.index(), r.message(),
                r.messagesProof(), r.stateProof()))).isEqualTo(RejectCode.BAD_CERTIFICATE);
        assertThat(code(new MessageReceipt(r.header(), flipSignature(r.certificate(), 1), r.index(), r.message(),
                r.messagesProof(), r.stateProof()))).isEqualTo(RejectCode.BAD_CERTIFICATE);
        assertThat(r.verify("other-chain", chainConfig().validators(), StandardConsensusCrypto.verifier()).accepted())
                .isFalse();
    }

    @Test
    void receiptFieldsDecodeTheRlpTheyCarry() throws Exception {
        DecidedBlock block = CHAIN.get(0);
        JsonNode json = getJson("/v1/messages/" + block.messages().get(2).messageId().toHex() + "/receipt", 200);
        JsonNode header = json.get("header");
        assertThat(header.get("rlp").asText()).isEqualTo(Hex.encode(block.header().encode()));
        assertThat(header.get("id").asText()).isEqualTo(block.blockId().toHex());
        assertThat(header.get("stateRoot").asText()).isEqualTo(block.header().stateRoot().toHex());
        assertThat(header.get("messageCount").asInt()).isEqualTo(5);
        assertThat(json.get("certificate").get("rlp").asText()).isEqualTo(Hex.encode(block.certificate().encode()));
        assertThat(json.get("certificate").get("signatures")).hasSize(chainConfig().validators().quorum());
        assertThat(json.get("message").asText()).isEqualTo(block.messages().get(2).payload().toHex());
    }

    static MessageReceipt receipt(JsonNode json) {
        return new MessageReceipt(BlockHeader.decode(Hex.decode(json.get("header").get("rlp").asText())),
                QuorumCertificate.decode(Hex.decode(json.get("certificate").get("rlp").asText())),
                json.get("index").asInt(), Bytes.fromHex(json.get("message").asText()),
                TrieProofs.fromHex(strings(json.get("messagesProof"))), TrieProofs.fromHex(strings(json.get("stateProof"))));
    }

    private static Verdict verify(MessageReceipt r) {
        return r.verify(chainConfig().chainId(), chainConfig().validators(), StandardConsensusCrypto.verifier());
    }

    private static RejectCode code(MessageReceipt r) {
        return ((Verdict.Reject) verify(r)).code();
    }

    private static MessageReceipt withStateProof(MessageReceipt r, List<byte[]> proof) {
        return new MessageReceipt(r.header(), r.certificate(), r.index(), r.message(), r.messagesProof(), proof);
    }

    private static List<byte[]> flipLastByteOfNode(List<byte[]> proof, int node) {
        List<byte[]> copy = new ArrayList<>(proof);
        byte[] changed = copy.get(node).clone();
        changed[changed.length - 1] ^= 1;
        copy.set(node, changed);
        return copy;
    }

    private static BlockHeader tamperedHeader(BlockHeader h) {
        return new BlockHeader(h.chainId(), h.height(), h.round(), h.parentHash(), h.timestampMs() + 1, h.proposerIndex(),
                h.committerIndex(), h.commitmentPi(), h.ranges(), h.messageCount(), h.messagesRoot(), h.stateRoot(),
                h.validatorSetHash());
    }

    private static QuorumCertificate flipSignature(QuorumCertificate c, int which) {
        List<CommitSignature> sigs = new ArrayList<>(c.signatures());
        byte[] sig = sigs.get(which).signature().toArray();
        sig[0] ^= 1;
        sigs.set(which, new CommitSignature(sigs.get(which).validatorIndex(), Bytes.wrap(sig)));
        return new QuorumCertificate(c.height(), c.round(), c.blockId(), sigs);
    }

    static List<byte[]> payloads(String... texts) {
        List<byte[]> out = new ArrayList<>();
        for (String t : texts) {
            out.add(t.getBytes(StandardCharsets.UTF_8));
        }
        return out;
    }

    static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    static Bytes id(String text) {
        return Bytes.wrap(Keccak256.hash(text.getBytes(StandardCharsets.UTF_8)));
    }

    static JsonNode getJson(String path, int expectedStatus) throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri(path)).GET());
        assertThat(response.statusCode()).as(path + " → " + response.body()).isEqualTo(expectedStatus);
        return JSON.readTree(response.body());
    }

    static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + APP.getLocalPort() + path);
    }

    static URI adminUri(String path) {
        return URI.create("http://127.0.0.1:" + APP.getAdminPort() + path);
    }
}
