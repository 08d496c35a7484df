package io.diseq.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.diseq.core.chain.BlockHeader;
import io.diseq.core.chain.QuorumCertificate;
import io.diseq.schemas.BlockRecord;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code diseq-client tail} against an in-process KRaft broker, over block records of a real chain
 * ({@link TestChain}: real keys, VRF proofs, tries and certificates) published transactionally as the
 * node's publisher does, then tampered ones.
 */
@Tag("integration")
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class TailCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static KafkaClusterTestKit kafka;

    @TempDir
    Path dir;

    @BeforeAll
    static void startKafka() throws Exception {
        kafka = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                .setCombined(true).setNumBrokerNodes(1).setNumControllerNodes(1).build())
                .setConfigProp("auto.create.topics.enable", "false")
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("transaction.state.log.replication.factor", "1")
                .setConfigProp("transaction.state.log.min.isr", "1")
                .build();
        kafka.format();
        kafka.startup();
        kafka.waitForReadyBrokers();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            List<NewTopic> topics = new ArrayList<>();
            for (String chain : List.of("good", "badcert", "badid", "fork", "gap")) {
                topics.add(new NewTopic(chain + ".blocks", 1, (short) 1));
            }
            admin.createTopics(topics).all().get();
        }
        publishGoodChain();
    }

    /**
     * The "good" chain's six blocks in two transactions, with an aborted transaction between them
     * that holds a forged block 4 (as a fenced publisher could leave): read_committed never shows it.
     */
    private static void publishGoodChain() throws Exception {
        TestChain chain = sixBlocks("good");
        publish("good", chain.blocks.subList(0, 3).stream().map(chain::record).toList());
        BlockHeader fourth = chain.blocks.get(3).header();
        publishAborted("good", List.of(TestChain.record("good", fourth, chain.certify(fourth, 0, 1))));
        publish("good", chain.blocks.subList(3, 6).stream().map(chain::record).toList());
    }

    @AfterAll
    static void stopKafka() throws Exception {
        if (kafka != null) {
            kafka.close();
        }
    }

    record Run(int exit, String out, String err) {
        List<String> lines() {
            return out.lines().toList();
        }
    }

    private Run tail(String chain, String validators, String... more) throws Exception {
        Path file = dir.resolve(chain + "-validators.txt");
        Files.writeString(file, validators);
        List<String> args = new ArrayList<>(List.of("tail", "-b", kafka.bootstrapServers(), "-c", chain,
                "--validators", file.toString()));
        args.addAll(List.of(more));
        return cli(args.toArray(String[]::new));
    }

    private static Run cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Cli.run(args, InputStream.nullInputStream(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), false);
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Six blocks: messages, an empty block, a block of round 1. */
    private static TestChain sixBlocks(String chainId) {
        TestChain chain = new TestChain(chainId);
        chain.next(0, "a", "b", "c");
        chain.next(0, "d");
        chain.next(1, "e", "f");
        chain.next(0);
        chain.next(0, "g");
        chain.next(2, "h", "i");
        return chain;
    }

    @Test
    void verifiesAndPrintsEveryBlockOfARealChainSkippingAbortedRecords() throws Exception {
        TestChain chain = sixBlocks("good");

        Run run = tail("good", chain.validatorsFile(), "--count", "6");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.lines()).hasSize(6);
        BlockHeader third = chain.blocks.get(2).header();
        assertThat(run.lines().get(2)).startsWith("height 3  id " + chain.blocks.get(2).id().toHex().substring(0, 12))
                .contains("messages 2", "round 1", "proposer " + third.proposerIndex() + " (v" + third.proposerIndex() + ")",
                        "signers 3/4", "time 2026-01-01T00:00:03Z");
        assertThat(run.err()).contains("note: block 1 is the first block on the topic");
    }

    @Test
    void withAChainFileBlockOneIsCheckedAgainstItsGenesisAndTheChainIdComesFromTheFile() throws Exception {
        TestChain chain = sixBlocks("good");
        Path chainFile = dir.resolve("chain.json");
        Files.writeString(chainFile, chain.chainFile());

        Run run = cli("tail", "-b", kafka.bootstrapServers(), "--chain-file", chainFile.toString(), "--count", "6");
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.lines()).hasSize(6);
        assertThat(run.err()).doesNotContain("note: block 1");

        Files.writeString(chainFile, new ChainFile("good", TestChain.GENESIS_TIME_MS + 1, chain.validators).toJson());
        Run otherGenesis = cli("tail", "-b", kafka.bootstrapServers(), "--chain-file", chainFile.toString(), "--count", "6");
        assertThat(otherGenesis.exit()).isEqualTo(Cli.EXIT_VERIFICATION_FAILED);
        assertThat(otherGenesis.err()).contains("block 1 failed verification: BROKEN_PARENT_LINK: parent hash");
    }

    @Test
    void jsonFromAHeightAnchorsOnItsParentAndStopsAtUntil() throws Exception {
        TestChain chain = sixBlocks("good");

        Run run = tail("good", chain.validatorsFile(), "--from", "3", "--until", "5", "--json");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.err()).contains("note: block 2 verified as the anchor");
        List<JsonNode> lines = new ArrayList<>();
        for (String line : run.lines()) {
            lines.add(JSON.readTree(line));
        }
        assertThat(lines).extracting(j -> j.get("height").asLong()).containsExactly(3L, 4L, 5L);
        JsonNode third = lines.get(0);
        assertThat(third.get("blockId").asText()).isEqualTo(chain.blocks.get(2).id().toHex());
        assertThat(third.get("parentHash").asText()).isEqualTo(chain.blocks.get(1).id().toHex());
        assertThat(third.get("signers")).hasSize(3);
        assertThat(third.get("ranges").get(0).get("firstOffset").asLong()).isEqualTo(4);
        assertThat(lines.get(1).get("messageCount").asInt()).isZero();

        Run latest = tail("good", chain.validatorsFile(), "--from", "latest", "--count", "1");
        assertThat(latest.exit()).as(latest.err()).isZero();
        assertThat(latest.lines()).singleElement().asString().startsWith("height 6 ");
    }

    @Test
    void aCertificateWithoutQuorumFailsNamingTheHeight() throws Exception {
        TestChain chain = sixBlocks("badcert");
        List<BlockRecord> records = new ArrayList<>(chain.blocks.subList(0, 3).stream().map(chain::record).toList());
        BlockHeader fourth = chain.blocks.get(3).header();
        records.add(TestChain.record("badcert", fourth, chain.certify(fourth, 1, 3)));
        publish("badcert", records);

        Run run = tail("badcert", chain.validatorsFile(), "--count", "6");

        assertThat(run.exit()).isEqualTo(Cli.EXIT_VERIFICATION_FAILED);
        assertThat(run.lines()).hasSize(3);
        assertThat(run.err()).contains("error: block 4 failed verification: BAD_CERTIFICATE: 2 signatures, quorum is 3")
                .doesNotContain("\tat ");
    }

    @Test
    void aForgedSignatureAndAWrongBlockIdFail() throws Exception {
        TestChain chain = sixBlocks("badid");
        BlockHeader first = chain.blocks.get(0).header();
        QuorumCertificate cert = chain.blocks.get(0).certificate();
        BlockRecord wrongId = new BlockRecord(1, "badid", 1, "ab".repeat(32), chain.record(chain.blocks.get(0)).header(),
                chain.record(chain.blocks.get(0)).certificate(), first.timestampMs());
        publish("badid", List.of(wrongId));
        Run run = tail("badid", chain.validatorsFile(), "--count", "1");
        assertThat(run.exit()).isEqualTo(Cli.EXIT_VERIFICATION_FAILED);
        assertThat(run.err()).contains("block 1 failed verification: INVALID_HEADER: blockId abab");

        Run otherSet = tail("good", chain.validatorsFile().replace("v3 ", "v9 "), "--count", "1");
        assertThat(otherSet.exit()).isEqualTo(Cli.EXIT_VERIFICATION_FAILED);
        assertThat(otherSet.err()).contains("block 1 failed verification: INVALID_HEADER: header commits to validator set")
                .contains("check --validators");
        assertThat(cert.signatures()).hasSize(3);
    }

    @Test
    void aBlockThatDoesNotExtendThePreviousOneFails() throws Exception {
        TestChain chain = sixBlocks("fork");
        TestChain fork = new TestChain("fork");
        fork.next(0, "a", "b", "c");
        fork.next(0, "d");
        fork.next(1, "e", "X");
        fork.next(0);
        List<BlockRecord> records = new ArrayList<>(chain.blocks.subList(0, 3).stream().map(chain::record).toList());
        records.add(fork.record(fork.blocks.get(3)));
        publish("fork", records);

        Run run = tail("fork", chain.validatorsFile(), "--count", "4");

        assertThat(run.exit()).isEqualTo(Cli.EXIT_VERIFICATION_FAILED);
        assertThat(run.lines()).hasSize(3);
        assertThat(run.err()).contains("block 4 failed verification: BROKEN_PARENT_LINK: parent hash "
                + fork.blocks.get(2).id().toHex() + " is not the id of block 3");
    }

    @Test
    void aMissingHeightFails() throws Exception {
        TestChain chain = sixBlocks("gap");
        publish("gap", List.of(chain.record(chain.blocks.get(0)), chain.record(chain.blocks.get(2))));

        Run run = tail("gap", chain.validatorsFile(), "--count", "2");

        assertThat(run.exit()).isEqualTo(Cli.EXIT_VERIFICATION_FAILED);
        assertThat(run.err()).contains("block 3 failed verification: BROKEN_PARENT_LINK: height 3 follows height 1");
    }

    @Test
    void setupProblemsAreOneActionableLine() throws Exception {
        TestChain chain = new TestChain("good");
        Run missingTopic = tail("nochain", chain.validatorsFile(), "--count", "1");
        assertThat(missingTopic.exit()).isEqualTo(Cli.EXIT_CANNOT_PROCEED);
        assertThat(missingTopic.err()).contains("topic nochain.blocks does not exist").doesNotContain("\tat ");

        Run identityOnly = tail("good", "diseq-validator-v1 " + "ab".repeat(32) + " " + "cd".repeat(32) + "\n");
        assertThat(identityOnly.exit()).isEqualTo(Cli.EXIT_CANNOT_PROCEED);
        assertThat(identityOnly.err()).contains("line 1: the line starts with the identity; put the validator's id first");

        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path file = dir.resolve("v.txt");
        Files.writeString(file, chain.validatorsFile());
        Run unreachable = cli("tail", "-b", "127.0.0.1:" + port, "--timeout", "1s", "--validators", file.toString());
        assertThat(unreachable.exit()).isEqualTo(Cli.EXIT_CANNOT_PROCEED);
        assertThat(unreachable.err()).startsWith("error: cannot reach Kafka at 127.0.0.1:" + port);

        assertThat(cli("tail", "--validators", file.toString(), "--from", "0").exit()).isEqualTo(Cli.EXIT_USAGE);
        assertThat(cli("tail").exit()).isEqualTo(Cli.EXIT_USAGE);
    }

    private static void publish(String chain, List<BlockRecord> records) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = producer(chain + "-" + System.nanoTime())) {
            producer.initTransactions();
            producer.beginTransaction();
            for (BlockRecord r : records) {
                producer.send(new ProducerRecord<>(chain + ".blocks", 0, BlockRecord.key(r.height()), r.toJson()));
            }
            producer.commitTransaction();
        }
    }

    private static void publishAborted(String chain, List<BlockRecord> records) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = producer(chain + "-aborted-" + System.nanoTime())) {
            producer.initTransactions();
            producer.beginTransaction();
            for (BlockRecord r : records) {
                producer.send(new ProducerRecord<>(chain + ".blocks", 0, BlockRecord.key(r.height()), r.toJson())).get();
            }
            producer.abortTransaction();
        }
    }

    private static KafkaProducer<byte[], byte[]> producer(String transactionalId) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId, ProducerConfig.LINGER_MS_CONFIG, 0),
                new ByteArraySerializer(), new ByteArraySerializer());
    }
}
