package io.diseq.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import io.diseq.core.chain.BlockHeader;
import io.diseq.core.chain.MessageAbsence;
import io.diseq.core.chain.MessageReceipt;
import io.diseq.core.util.Bytes;
import io.diseq.core.chain.QuorumCertificate;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code diseq-client receipt}: receipts of a real chain ({@link TestChain}: real certificates and trie
 * proofs) served by a local stub of the node's endpoint, verified for real; then tampered ones.
 */
@Tag("unit")
class ReceiptCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CHAIN = "devnet";

    @TempDir
    Path dir;

    private StubNode node;
    private TestChain chain;
    private Path validators;

    @BeforeEach
    void setUp() throws Exception {
        node = new StubNode();
        chain = new TestChain(CHAIN);
        chain.next(0, "a", "b");
        chain.next(1, "first", "second", "third");
        chain.next(0, "later");
        validators = dir.resolve("validators.txt");
        Files.writeString(validators, chain.validatorsFile());
    }

    @AfterEach
    void stop() {
        node.close();
    }

    record Run(int exit, String out, String err) {}

    private Run receipt(String id, String... more) {
        List<String> args = new ArrayList<>(List.of("receipt", id, "--node", node.uri().toString(), "--validators",
                validators.toString(), "-c", CHAIN));
        args.addAll(List.of(more));
        return cli(args.toArray(String[]::new));
    }

    private static Run cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Cli.run(args, InputStream.nullInputStream(),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), false);
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private MessageReceipt second() {
        return chain.receipt(chain.blocks.get(1), 1);
    }

    private String serve(MessageReceipt r, ObjectNode json) {
        String id = r.messageId().toHex();
        node.serve(id, json.toString());
        return id;
    }

    @Test
    void aRealReceiptVerifiesAndPrintsWhereTheMessageIs() {
        MessageReceipt r = second();
        String id = serve(r, StubNode.json(CHAIN, r));

        Run run = receipt(id);

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("verified: message " + id + " is at height 2, index 1 of 3")
                .contains("round 1", "certified  by v0 v1 v2 (3 of 4, quorum 3)", "6 bytes: second");
        Run upper = receipt("0x" + id.toUpperCase());
        assertThat(upper.exit()).as(upper.err()).isZero();
    }

    /** The stub serves exactly the node's documented shape (schemas/openapi/diseq-node-v1.yaml, Receipt). */
    @Test
    void stubReceiptsFollowTheNodesOpenApiSchema() throws Exception {
        JsonNode openApi;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("openapi/diseq-node-v1.yaml")) {
            openApi = new ObjectMapper(new YAMLFactory()).readTree(in);
        }
        ObjectNode root = JSON.createObjectNode();
        root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        root.put("$ref", "#/components/schemas/Receipt");
        root.set("components", openApi.get("components"));
        JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(root);

        assertThat(schema.validate(StubNode.json(CHAIN, second()))).isEmpty();
        assertThat(schema.validate(StubNode.json(CHAIN, chain.receipt(chain.blocks.get(2), 0)))).isEmpty();
    }

    @Test
    void jsonOutputNamesHeightIndexAndSigners() throws Exception {
        MessageReceipt r = chain.receipt(chain.blocks.get(2), 0);
        String id = serve(r, StubNode.json(CHAIN, r));

        Run run = receipt(id, "--json");

        assertThat(run.exit()).as(run.err()).isZero();
        JsonNode json = JSON.readTree(run.out());
        assertThat(json.get("verified").asBoolean()).isTrue();
        assertThat(json.get("height").asLong()).isEqualTo(3);
        assertThat(json.get("index").asInt()).isZero();
        assertThat(json.get("blockId").asText()).isEqualTo(chain.blocks.get(2).id().toHex());
        assertThat(json.get("signers")).extracting(JsonNode::asInt).containsExactly(0, 1, 2);
        assertThat(json.get("message").asText()).isEqualTo("6c61746572");
        assertThat(json.get("code").isNull()).isTrue();
    }

    @Test
    void aMessagesProofOfAnotherBlockFails() {
        MessageReceipt r = second();
        ObjectNode json = StubNode.json(CHAIN, r);
        json.set("messagesProof", StubNode.json(CHAIN, chain.receipt(chain.blocks.get(0), 1)).get("messagesProof"));
        assertFails(serve(r, json), "BAD_PROOF: messages proof does not hold the message at its index");
    }

    @Test
    void aStateProofOfAnotherMessageFails() {
        MessageReceipt r = second();
        ObjectNode json = StubNode.json(CHAIN, r);
        json.set("stateProof", StubNode.json(CHAIN, chain.receipt(chain.blocks.get(1), 0)).get("stateProof"));
        assertFails(serve(r, json), "BAD_PROOF: state proof does not map the id to (height, index)");
    }

    @Test
    void aCertificateWithoutQuorumFails() {
        MessageReceipt r = second();
        QuorumCertificate weak = chain.certify(r.header(), 0, 2);
        MessageReceipt tampered = new MessageReceipt(r.header(), weak, r.index(), r.message(), r.messagesProof(),
                r.stateProof());
        assertFails(serve(r, StubNode.json(CHAIN, tampered)), "BAD_CERTIFICATE: 2 signatures, quorum is 3");
    }

    @Test
    void aHeaderOfAnotherValidatorSetOrChainFails() throws Exception {
        MessageReceipt r = second();
        String id = serve(r, StubNode.json(CHAIN, r));
        Files.writeString(validators, chain.validatorsFile().replace("v2 ", "x2 "));
        assertFails(id, "BAD_CERTIFICATE: header names another validator set");

        Files.writeString(validators, chain.validatorsFile());
        Run otherChain = cli("receipt", id, "--node", node.uri().toString(), "--validators", validators.toString(),
                "-c", "mainnet");
        assertThat(otherChain.exit()).isEqualTo(Cli.EXIT_VERIFICATION_FAILED);
        assertThat(otherChain.err()).contains("WRONG_CHAIN");
    }

    @Test
    void decodedFieldsThatDisagreeWithTheProofFail() {
        MessageReceipt r = second();
        ObjectNode json = StubNode.json(CHAIN, r);
        json.put("height", 7);
        assertFails(serve(r, json), "INCONSISTENT: height field says 7, the verified header 2");
    }

    @Test
    void aReceiptOfAnotherMessageOrAMalformedOneFails() {
        MessageReceipt r = second();
        MessageReceipt other = chain.receipt(chain.blocks.get(0), 0);
        node.serve(r.messageId().toHex(), StubNode.json(CHAIN, other).toString());
        assertFails(r.messageId().toHex(), "WRONG_MESSAGE: the receipt is for message " + other.messageId().toHex());

        ObjectNode json = StubNode.json(CHAIN, r);
        ((ObjectNode) json.get("header")).put("rlp", "zz");
        assertFails(serve(r, json), "MALFORMED_RECEIPT");
    }

    @Test
    void anUnknownIdHasItsOwnExitCode() {
        Run run = receipt("ab".repeat(32));
        assertThat(run.exit()).isEqualTo(Cli.EXIT_NOT_FOUND);
        assertThat(run.err().strip()).isEqualTo("error: message " + "ab".repeat(32) + " is not sequenced on the node at "
                + node.uri() + " (MESSAGE_NOT_FOUND, no proof sent): it may still be pending, check the id, or try"
                + " another node");
    }

    @Test
    void aChainFileReplacesTheValidatorsFileAndTheChainId() throws Exception {
        MessageReceipt r = second();
        String id = serve(r, StubNode.json(CHAIN, r));
        Path chainFile = dir.resolve("chain.json");
        Files.writeString(chainFile, chain.chainFile());

        Run run = cli("receipt", id, "--node", node.uri().toString(), "--chain-file", chainFile.toString());
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("verified: message " + id + " is at height 2, index 1 of 3");

        Run otherChain = cli("receipt", id, "--node", node.uri().toString(), "--chain-file", chainFile.toString(),
                "--chain", "mainnet");
        assertThat(otherChain.exit()).isEqualTo(Cli.EXIT_USAGE);
        assertThat(otherChain.err()).contains("is for chain 'devnet', but --chain says 'mainnet'");
        Run both = cli("receipt", id, "--node", node.uri().toString(), "--chain-file", chainFile.toString(),
                "--validators", validators.toString());
        assertThat(both.exit()).isEqualTo(Cli.EXIT_USAGE);
        assertThat(both.err()).contains("either --chain-file or --validators");
    }

    @Test
    void aReceiptWhoseCertifiedHeaderNamesAProposerTheVrfDidNotSelectFails() {
        TestChain.Block genuine = chain.blocks.get(1);
        TestChain.Block forged = chain.withLeaders(genuine, (genuine.header().proposerIndex() + 1) % 4,
                genuine.header().committerIndex());
        MessageReceipt real = chain.receipt(genuine, 1);
        MessageReceipt r = new MessageReceipt(forged.header(), forged.certificate(), 1, real.message(),
                real.messagesProof(), real.stateProof());
        assertFails(serve(r, StubNode.json(CHAIN, r)), "WRONG_PROPOSER: proposer ");
    }

    @Test
    void anAbsenceProofIsVerifiedAndSaysAsOfWhichHeight() throws Exception {
        String id = "cd".repeat(32);
        node.serveNotSequenced(id, StubNode.json(CHAIN, chain.absence(chain.blocks.get(2), Bytes.fromHex(id))).toString());

        Run run = receipt(id);
        assertThat(run.exit()).as(run.err()).isEqualTo(Cli.EXIT_NOT_FOUND);
        assertThat(run.out()).startsWith("message " + id + " is not sequenced as of height 3 (verified)");
        Run json = receipt(id, "--json");
        JsonNode line = JSON.readTree(json.out());
        assertThat(line.get("sequenced").asBoolean()).isFalse();
        assertThat(line.get("verified").asBoolean()).isTrue();
        assertThat(line.get("height").asLong()).isEqualTo(3);
    }

    @Test
    void beforeTheFirstBlockGenesisProvesAbsenceAndAChainFileChecksItsTime() throws Exception {
        String id = "cd".repeat(32);
        MessageAbsence atGenesis = new MessageAbsence(Bytes.fromHex(id), chain.genesis(), null,
                List.of(new byte[] {(byte) 0x80}));
        node.serveNotSequenced(id, StubNode.json(CHAIN, atGenesis).toString());
        Path chainFile = dir.resolve("chain.json");
        Files.writeString(chainFile, chain.chainFile());
        Run run = cli("receipt", id, "--node", node.uri().toString(), "--chain-file", chainFile.toString());
        assertThat(run.exit()).as(run.err()).isEqualTo(Cli.EXIT_NOT_FOUND);
        assertThat(run.out()).startsWith("message " + id + " is not sequenced as of height 0 (verified)");

        BlockHeader g = chain.genesis();
        BlockHeader otherTime = io.diseq.core.chain.Genesis.header(CHAIN, chain.validators, g.timestampMs() + 1);
        node.serveNotSequenced(id, StubNode.json(CHAIN, new MessageAbsence(Bytes.fromHex(id), otherTime, null,
                atGenesis.stateProof())).toString());
        Run wrongGenesis = cli("receipt", id, "--node", node.uri().toString(), "--chain-file", chainFile.toString());
        assertThat(wrongGenesis.exit()).isEqualTo(Cli.EXIT_VERIFICATION_FAILED);
        assertThat(wrongGenesis.err()).contains("WRONG_GENESIS");
    }

    @Test
    void anAbsenceProofThatDoesNotHoldFails() {
        String sequenced = second().messageId().toHex();
        // The node claims a sequenced message is not: its proof walks to the message's leaf.
        node.serveNotSequenced(sequenced, StubNode.json(CHAIN, chain.absence(chain.blocks.get(2),
                Bytes.fromHex(sequenced))).toString());
        Run run = receipt(sequenced);
        assertThat(run.exit()).as(run.err()).isEqualTo(Cli.EXIT_VERIFICATION_FAILED);
        assertThat(run.err()).contains("proof does NOT verify: BAD_PROOF: the state proof shows the id IS sequenced");

        String unknown = "cd".repeat(32);
        TestChain.Block b = chain.blocks.get(2);
        MessageAbsence genuine = chain.absence(b, Bytes.fromHex(unknown));
        MessageAbsence uncertified = new MessageAbsence(genuine.messageId(), b.header(), chain.certify(b.header(), 0, 1),
                genuine.stateProof());
        node.serveNotSequenced(unknown, StubNode.json(CHAIN, uncertified).toString());
        Run weak = receipt(unknown);
        assertThat(weak.exit()).isEqualTo(Cli.EXIT_VERIFICATION_FAILED);
        assertThat(weak.err()).contains("BAD_CERTIFICATE");
    }

    @Test
    void setupProblemsAreClearErrors() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Run unreachable = cli("receipt", "ab".repeat(32), "--node", "http://127.0.0.1:" + port,
                "--validators", validators.toString());
        assertThat(unreachable.exit()).isEqualTo(Cli.EXIT_CANNOT_PROCEED);
        assertThat(unreachable.err().strip()).isEqualTo("error: cannot reach the node at http://127.0.0.1:" + port
                + ": check --node and that the node is running");
        Run badId = receipt("1234");
        assertThat(badId.exit()).isEqualTo(Cli.EXIT_USAGE);
        assertThat(badId.err()).contains("ID must be 64 hex digits");
        Run noFile = cli("receipt", "ab".repeat(32), "--node", node.uri().toString(), "--validators",
                dir.resolve("none.txt").toString());
        assertThat(noFile.exit()).isEqualTo(Cli.EXIT_CANNOT_PROCEED);
        assertThat(noFile.err()).contains("validators file not found");
    }

    private void assertFails(String id, String reason) {
        Run run = receipt(id);
        assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(Cli.EXIT_VERIFICATION_FAILED);
        assertThat(run.err()).contains("the receipt of message " + id).contains("does NOT verify: " + reason)
                .doesNotContain("\tat ");
        assertThat(run.out()).isEmpty();
    }
}
