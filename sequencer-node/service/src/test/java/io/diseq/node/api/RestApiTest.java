package io.diseq.node.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.diseq.core.chain.BlockHeader;
import io.diseq.core.chain.ChainConfig;
import io.diseq.core.chain.CommitSignature;
import io.diseq.core.chain.DecidedBlock;
import io.diseq.core.chain.MessageAbsence;
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
import io.dropwizard.configuration.ResourceConfigurationSourceProvider;
import io.dropwizard.configuration.YamlConfigurationFactory;
import io.dropwizard.jackson.Jackson;
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
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.BeforeAllCallback;
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
    static final String CONFIG = "node-test.yml";

    @RegisterExtension
    @Order(1)
    static final KafkaExtension KAFKA = new KafkaExtension().withTopic("apptest.messages", 2)
            .withTopic("apptest.blocks", 1).withTopic("apptest.messages.raw", 2);

    @RegisterExtension
    @Order(2)
    static final PostgresExtension PG = new PostgresExtension();

    /** Stores the decided chain and puts its messages on the input topic before the node starts. */
    @RegisterExtension
    @Order(3)
    static final BeforeAllCallback CHAIN_FIXTURE = context -> storeDecidedBlocks();

    @RegisterExtension
    @Order(4)
    static final DropwizardAppExtension<NodeConfiguration> APP = new DropwizardAppExtension<>(
            NodeApplication.class, ResourceHelpers.resourceFilePath(CONFIG),
            ConfigOverride.config("database.url", PG::classJdbcUrl),
            ConfigOverride.config("kafka.bootstrapServers", KAFKA::bootstrapServers),
            ConfigOverride.config("keyFile", () -> ResourceHelpers.resourceFilePath("keys/v0.key")),
            ConfigOverride.config("blockLimits.maxMessageBytes", "200"));

    static final List<DecidedBlock> CHAIN = new ArrayList<>();
    static final HttpClient HTTP = HttpClient.newHttpClient();

    /**
     * The chain of the test config: four blocks (one empty, one repeating an earlier message, which
     * the content rule skips) written with the core's types, and the same records at the same offsets
     * on {@code apptest.messages}, so the node resumes exactly after them.
     */
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
        KAFKA.produce("apptest.messages", 0, chain.payloads(0));
        KAFKA.produce("apptest.messages", 1, chain.payloads(1));
    }

    /** The chain config of the test configuration (public keys only), read without starting the node. */
    static ChainConfig chainConfig() {
        try {
            return new YamlConfigurationFactory<>(NodeConfiguration.class, null, Jackson.newObjectMapper(), "dw")
                    .build(new ResourceConfigurationSourceProvider(), CONFIG).chainConfig();
        } catch (Exception e) {
            throw new IllegalStateException("cannot read " + CONFIG, e);
        }
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
    void anIdThatIsNotSequencedGetsAnAbsenceProofThatVerifiesOffline() throws Exception {
        Bytes unknown = id("never sent");
        JsonNode json = getJson("/v1/messages/" + unknown.toHex() + "/receipt", 404);
        OpenApi.assertValid("NotSequenced", json);
        assertThat(json.get("code").asText()).isEqualTo("MESSAGE_NOT_FOUND");
        JsonNode absence = json.get("absence");
        assertThat(absence.get("height").asLong()).isEqualTo(CHAIN.size());
        MessageAbsence proof = absence(unknown, absence);
        assertThat(proof.header().id()).isEqualTo(CHAIN.get(CHAIN.size() - 1).blockId());
        assertThat(proof.verify(chainConfig().chainId(), chainConfig().validators(), StandardConsensusCrypto.verifier()))
                .isEqualTo(Verdict.ACCEPT);

        MessageAbsence tampered = new MessageAbsence(unknown, proof.header(), proof.certificate(),
                flipLastByteOfNode(proof.stateProof(), proof.stateProof().size() - 1));
        assertThat(((Verdict.Reject) tampered.verify(chainConfig().chainId(), chainConfig().validators(),
                StandardConsensusCrypto.verifier())).code()).isEqualTo(RejectCode.BAD_PROOF);
        Bytes sequenced = CHAIN.get(0).messages().get(0).messageId();
        MessageAbsence wrongId = new MessageAbsence(sequenced, proof.header(), proof.certificate(), proof.stateProof());
        assertThat(wrongId.verify(chainConfig().chainId(), chainConfig().validators(), StandardConsensusCrypto.verifier())
                .accepted()).isFalse();
    }

    @Test
    void theChainFileNamesTheConfiguredChainAndItsGenesis() throws Exception {
        JsonNode chain = getJson("/v1/chain", 200);
        OpenApi.assertValid("Chain", chain);
        assertThat(chain.get("chainId").asText()).isEqualTo("apptest");
        assertThat(chain.get("genesisTimeMs").asLong()).isEqualTo(chainConfig().genesisTimeMs());
        assertThat(chain.get("validatorSetHash").asText()).isEqualTo(chainConfig().validators().hash().toHex());
        assertThat(chain.get("genesisBlockId").asText()).isEqualTo(CHAIN.get(0).header().parentHash().toHex());
        assertThat(chain.get("validators")).extracting(v -> v.get("id").asText()).containsExactly("v0", "v1", "v2", "v3");
        assertThat(chain.get("validators").get(2).get("gossipUrl").asText())
                .isEqualTo(chainConfig().validators().get(2).gossipUrl());
    }

    @Test
    void theExplorerIsServedAsStaticFiles() throws Exception {
        HttpResponse<String> page = send(HttpRequest.newBuilder(uri("/explorer/")).GET());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(page.body()).contains("<!doctype html>");
        HttpResponse<String> missing = send(HttpRequest.newBuilder(uri("/explorer/no-such-file.js")).GET());
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(missing.body()).get("code").asText()).isEqualTo("NOT_FOUND");
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

    @Test
    void blocksByHeightLatestAndGenesisMatchTheStoredChain() throws Exception {
        for (DecidedBlock block : CHAIN) {
            JsonNode json = getJson("/v1/blocks/" + block.height(), 200);
            OpenApi.assertValid("Block", json);
            assertThat(json.get("id").asText()).isEqualTo(block.blockId().toHex());
            assertThat(json.get("header").get("rlp").asText()).isEqualTo(Hex.encode(block.header().encode()));
            assertThat(strings(json.get("messageIds"))).containsExactlyElementsOf(
                    block.messages().stream().map(m -> m.messageId().toHex()).toList());
        }
        JsonNode latest = getJson("/v1/blocks/latest", 200);
        OpenApi.assertValid("Block", latest);
        assertThat(latest.get("height").asLong()).isEqualTo(CHAIN.size());
        JsonNode genesis = getJson("/v1/blocks/0", 200);
        OpenApi.assertValid("Block", genesis);
        assertThat(genesis.get("certificate").isNull()).isTrue();
        assertThat(genesis.get("id").asText()).isEqualTo(CHAIN.get(0).header().parentHash().toHex());
    }

    @Test
    void rangesPageThroughTheChainWithOpaqueCursors() throws Exception {
        List<Long> heights = new ArrayList<>();
        JsonNode page = getJson("/v1/blocks?limit=2", 200);
        for (int pages = 0; pages < 10 && !page.get("blocks").isEmpty(); pages++) {
            OpenApi.assertValid("BlockPage", page);
            assertThat(page.get("blocks").size()).isLessThanOrEqualTo(2);
            page.get("blocks").forEach(b -> heights.add(b.get("height").asLong()));
            page = getJson("/v1/blocks?limit=2&cursor=" + page.get("next").asText(), 200);
        }
        assertThat(heights).containsExactly(0L, 1L, 2L, 3L, 4L);
        OpenApi.assertValid("BlockPage", page);
        JsonNode fromThree = getJson("/v1/blocks?from=3&limit=100", 200);
        assertThat(fromThree.get("blocks")).extracting(b -> b.get("height").asLong()).containsExactly(3L, 4L);
        assertThat(fromThree.get("blocks").get(0).has("messageIds")).isFalse();
    }

    @Test
    void stateRootsAreTheHeadersOnes() throws Exception {
        JsonNode latest = getJson("/v1/state-root", 200);
        OpenApi.assertValid("StateRoot", latest);
        DecidedBlock last = CHAIN.get(CHAIN.size() - 1);
        assertThat(latest.get("stateRoot").asText()).isEqualTo(last.header().stateRoot().toHex());
        assertThat(latest.get("height").asLong()).isEqualTo(last.height());
        for (DecidedBlock block : CHAIN) {
            JsonNode json = getJson("/v1/state-root/" + block.height(), 200);
            OpenApi.assertValid("StateRoot", json);
            assertThat(json.get("stateRoot").asText()).isEqualTo(block.header().stateRoot().toHex());
            assertThat(json.get("blockId").asText()).isEqualTo(block.blockId().toHex());
        }
    }

    @Test
    void statusConsensusAndPoolDescribeTheNode() throws Exception {
        JsonNode status = getJson("/v1/status", 200);
        OpenApi.assertValid("Status", status);
        assertThat(status.get("chainId").asText()).isEqualTo("apptest");
        assertThat(status.get("height").asLong()).isEqualTo(CHAIN.size());
        assertThat(status.get("consensusHeight").asLong()).isEqualTo(CHAIN.size() + 1);
        assertThat(status.get("latestBlockId").asText()).isEqualTo(CHAIN.get(CHAIN.size() - 1).blockId().toHex());
        assertThat(status.get("quorum").asInt()).isEqualTo(3);
        assertThat(status.get("validators")).extracting(v -> v.get("signingPublicKey").asText())
                .containsExactlyElementsOf(chainConfig().validators().validators().stream()
                        .map(v -> v.signingKey().toHex()).toList());
        JsonNode consensus = getJson("/v1/consensus", 200);
        OpenApi.assertValid("Consensus", consensus);
        assertThat(consensus.get("height").asLong()).isEqualTo(CHAIN.size() + 1);
        assertThat(consensus.get("decidedHeight").asLong()).isEqualTo(CHAIN.size());
        assertThat(consensus.get("peers")).extracting(p -> p.get("index").asInt()).containsExactly(1, 2, 3);
        JsonNode pool = getJson("/v1/pool", 200);
        OpenApi.assertValid("Pool", pool);
        assertThat(pool.get("partitions")).extracting(p -> p.get("partition").asInt()).containsExactly(0, 1);
        assertThat(pool.get("partitions")).extracting(p -> p.get("nextUnsequenced").asLong())
                .containsExactly(CHAIN.get(CHAIN.size() - 1).tip().nextOffset(0),
                        CHAIN.get(CHAIN.size() - 1).tip().nextOffset(1));
    }

    @Test
    void submittedMessagesReachTheRawTopicKeyedById() throws Exception {
        byte[] raw = "submitted raw".getBytes(StandardCharsets.UTF_8);
        byte[] viaJson = "submitted as json".getBytes(StandardCharsets.UTF_8);
        JsonNode first = post("application/octet-stream", raw, 202);
        JsonNode second = post("application/json; charset=utf-8",
                ("{\"data\": \"" + Hex.encode(viaJson) + "\"}").getBytes(StandardCharsets.UTF_8), 202);
        OpenApi.assertValid("Submitted", first);
        assertThat(first.get("id").asText()).isEqualTo(Hex.encode(Keccak256.hash(raw)));
        assertThat(second.get("id").asText()).isEqualTo(Hex.encode(Keccak256.hash(viaJson)));

        List<String> onTopic = KAFKA.readAllCommitted("apptest.messages.raw").stream()
                .filter(r -> Hex.encode(r.key()).equals(Hex.encode(Keccak256.hash(r.value()))))
                .map(r -> new String(r.value(), StandardCharsets.UTF_8)).toList();
        assertThat(onTopic).contains("submitted raw", "submitted as json");
    }

    @Test
    void prometheusExpositionOnTheAdminPortHasTheConsensusMetrics() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(adminUri("/prometheus")).GET());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("consensus_height " + CHAIN.size() + ".0", "consensus_round ",
                "consensus_finalityMs_count", "consensus_messagesPerBlock_count", "consensus_rejected_BAD_SIGNATURE",
                "consensus_peer_0_reachable -1.0", "consensus_peer_1_reachable", "consensus_peers_reachable",
                "catchup_heightsBehind 0.0", "sync_catchingUp", "input_window_fill", "gossip_peers_reachable");
    }

    @Test
    void theRegisteredV1ResourcesAreExactlyTheDocumentedOnes() {
        List<Class<?>> registered = new ArrayList<>();
        var config = APP.getEnvironment().jersey().getResourceConfig();
        java.util.stream.Stream.concat(config.getSingletons().stream().map(Object::getClass),
                        config.getClasses().stream())
                .filter(c -> c.isAnnotationPresent(jakarta.ws.rs.Path.class)
                        && c.getAnnotation(jakarta.ws.rs.Path.class).value().startsWith("/v1"))
                .forEach(registered::add);
        assertThat(ApiContract.operations(registered)).isEqualTo(OpenApiContractTest.documentedOperations());
    }

    /** One bad request: where, what, and the typed answer expected. */
    record Bad(String method, String path, String contentType, byte[] body, int status, String code) {
        static Bad get(String path, int status, String code) {
            return new Bad("GET", path, null, null, status, code);
        }

        static Bad post(String contentType, String body, int status, String code) {
            return new Bad("POST", "/v1/messages", contentType, body.getBytes(StandardCharsets.UTF_8), status, code);
        }
    }

    @Test
    void badInputAtEveryEndpointIsATyped4xxAndChangesNothing() throws Exception {
        String cursorOfText = java.util.Base64.getUrlEncoder().encodeToString("v1:abc".getBytes(StandardCharsets.UTF_8));
        String cursorOfOtherVersion = java.util.Base64.getUrlEncoder().encodeToString("v2:1".getBytes(StandardCharsets.UTF_8));
        List<Bad> cases = List.of(
                Bad.get("/v1/blocks/abc", 400, "BAD_HEIGHT"),
                Bad.get("/v1/blocks/-1", 400, "BAD_HEIGHT"),
                Bad.get("/v1/blocks/01", 400, "BAD_HEIGHT"),
                Bad.get("/v1/blocks/99999999999999999999", 400, "BAD_HEIGHT"),
                Bad.get("/v1/blocks/9223372036854775807", 404, "BLOCK_NOT_FOUND"),
                Bad.get("/v1/blocks/1000", 404, "BLOCK_NOT_FOUND"),
                Bad.get("/v1/blocks?limit=0", 400, "BAD_LIMIT"),
                Bad.get("/v1/blocks?limit=-5", 400, "BAD_LIMIT"),
                Bad.get("/v1/blocks?limit=101", 400, "BAD_LIMIT"),
                Bad.get("/v1/blocks?limit=99999999999999999999", 400, "BAD_LIMIT"),
                Bad.get("/v1/blocks?limit=ten", 400, "BAD_LIMIT"),
                Bad.get("/v1/blocks?from=-1", 400, "BAD_HEIGHT"),
                Bad.get("/v1/blocks?from=1e3", 400, "BAD_HEIGHT"),
                Bad.get("/v1/blocks?cursor=%21%21%21", 400, "BAD_CURSOR"),
                Bad.get("/v1/blocks?cursor=" + cursorOfText, 400, "BAD_CURSOR"),
                Bad.get("/v1/blocks?cursor=" + cursorOfOtherVersion, 400, "BAD_CURSOR"),
                Bad.get("/v1/blocks?from=1&cursor=" + Params.cursor(1), 400, "BAD_CURSOR"),
                Bad.get("/v1/state-root/x", 400, "BAD_HEIGHT"),
                Bad.get("/v1/state-root/77", 404, "BLOCK_NOT_FOUND"),
                Bad.get("/v1/messages/zz/receipt", 400, "BAD_ID"),
                Bad.get("/v1/messages/" + "a".repeat(63) + "/receipt", 400, "BAD_ID"),
                Bad.get("/v1/messages/" + "g".repeat(64) + "/receipt", 400, "BAD_ID"),
                Bad.post("application/json", "{not json", 400, "MALFORMED"),
                Bad.post("application/json", "", 400, "MALFORMED"),
                Bad.post("application/json", "null", 400, "MALFORMED"),
                Bad.post("application/json", "[\"00\"]", 400, "MALFORMED"),
                Bad.post("application/json", "{\"data\": 5}", 400, "MALFORMED"),
                Bad.post("application/json", "{\"data\": \"00\", \"x\": 1}", 400, "MALFORMED"),
                Bad.post("application/json", "{\"data\": \"00\", \"data\": \"01\"}", 400, "MALFORMED"),
                Bad.post("application/json", "{\"data\": \"00\"} {}", 400, "MALFORMED"),
                Bad.post("application/json", "{\"data\": \"0g\"}", 400, "BAD_HEX"),
                Bad.post("application/json", "{\"data\": \"abc\"}", 400, "BAD_HEX"),
                Bad.post("application/json", "{\"data\": \"\"}", 400, "EMPTY_MESSAGE"),
                Bad.post("application/json", "{\"data\": \"" + "00".repeat(201) + "\"}", 413, "MESSAGE_TOO_LARGE"),
                Bad.post("application/octet-stream", "", 400, "EMPTY_MESSAGE"),
                Bad.post("application/octet-stream", "x".repeat(201), 413, "MESSAGE_TOO_LARGE"),
                Bad.post("application/octet-stream", "x".repeat(2000), 413, "TOO_LARGE"),
                Bad.post("text/plain", "hello", 415, "UNSUPPORTED_MEDIA_TYPE"),
                Bad.post("*/*", "hello", 415, "UNSUPPORTED_MEDIA_TYPE"));
        int rawBefore = KAFKA.readAllCommitted("apptest.messages.raw").size();
        JsonNode statusBefore = getJson("/v1/status", 200);

        for (Bad bad : cases) {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri(bad.path()));
            if (bad.body() != null) {
                request.header("Content-Type", bad.contentType()).POST(HttpRequest.BodyPublishers.ofByteArray(bad.body()));
            }
            assertTypedRejection(sendOnNewConnection(request), bad.toString(), bad.status(), bad.code());
        }
        assertTypedRejection(sendOnNewConnection(HttpRequest.newBuilder(uri("/v1/messages"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] {1}))), "no Content-Type", 415,
                "UNSUPPORTED_MEDIA_TYPE");
        assertTypedRejection(sendOnNewConnection(HttpRequest.newBuilder(uri("/v1/messages"))
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(new byte[5000])))),
                "chunked oversized body", 413, "TOO_LARGE");

        assertThat(KAFKA.readAllCommitted("apptest.messages.raw")).hasSize(rawBefore);
        var metrics = APP.getEnvironment().metrics();
        assertThat(metrics.counter("api.rejected.BAD_HEIGHT").getCount()).isGreaterThanOrEqualTo(7);
        assertThat(metrics.counter("api.rejected.TOO_LARGE").getCount()).isGreaterThanOrEqualTo(2);
        assertThat(metrics.counter("api.rejected.UNSUPPORTED_MEDIA_TYPE").getCount()).isGreaterThanOrEqualTo(3);
        JsonNode statusAfter = getJson("/v1/status", 200);
        assertThat(statusAfter.get("height")).isEqualTo(statusBefore.get("height"));
        assertThat(statusAfter.get("latestBlockId")).isEqualTo(statusBefore.get("latestBlockId"));
        assertThat(getJson("/v1/blocks/latest", 200).get("height").asLong()).isEqualTo(CHAIN.size());
    }

    private static void assertTypedRejection(HttpResponse<String> response, String what, int status, String code)
            throws Exception {
        assertThat(response.statusCode()).as(what + " → " + response.body()).isEqualTo(status);
        JsonNode body = JSON.readTree(response.body());
        OpenApi.assertValid("Error", body);
        assertThat(body.get("code").asText()).as(what).isEqualTo(code);
    }

    static JsonNode post(String contentType, byte[] body, int expectedStatus) throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/v1/messages"))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body)));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(expectedStatus);
        return JSON.readTree(response.body());
    }

    static MessageReceipt receipt(JsonNode json) {
        return new MessageReceipt(BlockHeader.decode(Hex.decode(json.get("header").get("rlp").asText())),
                QuorumCertificate.decode(Hex.decode(json.get("certificate").get("rlp").asText())),
                json.get("index").asInt(), Bytes.fromHex(json.get("message").asText()),
                TrieProofs.fromHex(strings(json.get("messagesProof"))), TrieProofs.fromHex(strings(json.get("stateProof"))));
    }

    static MessageAbsence absence(Bytes id, JsonNode json) {
        JsonNode certificate = json.get("certificate");
        return new MessageAbsence(id, BlockHeader.decode(Hex.decode(json.get("header").get("rlp").asText())),
                certificate.isNull() ? null : QuorumCertificate.decode(Hex.decode(certificate.get("rlp").asText())),
                TrieProofs.fromHex(strings(json.get("stateProof"))));
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

    /**
     * Bad requests go over a fresh connection each: the server answers some (an oversized body) before
     * reading the body and then closes the connection, and a pooled client could race that close.
     */
    static HttpResponse<String> sendOnNewConnection(HttpRequest.Builder request) throws Exception {
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + APP.getLocalPort() + path);
    }

    static URI adminUri(String path) {
        return URI.create("http://127.0.0.1:" + APP.getAdminPort() + path);
    }
}
