package io.diseq.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import io.diseq.core.crypto.Keccak256;
import io.diseq.schemas.SchemaResources;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code diseq-client publish} against an in-process KRaft broker. */
@Tag("integration")
class CliPublishTest {
    private static KafkaClusterTestKit kafka;

    @TempDir
    Path dir;

    @BeforeAll
    static void startKafka() throws Exception {
        kafka = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                .setCombined(true).setNumBrokerNodes(1).setNumControllerNodes(1).build())
                .setConfigProp("auto.create.topics.enable", "false")
                .setConfigProp("offsets.topic.replication.factor", "1")
                .build();
        kafka.format();
        kafka.startup();
        kafka.waitForReadyBrokers();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            List<NewTopic> topics = new ArrayList<>();
            for (String chain : List.of("args", "file", "stdin", "bin", "json", "await")) {
                topics.add(new NewTopic(chain + ".messages.raw", 2, (short) 1));
            }
            admin.createTopics(topics).all().get();
        }
    }

    @AfterAll
    static void stopKafka() throws Exception {
        if (kafka != null) {
            kafka.close();
        }
    }

    /** One CLI run's exit code and output. */
    record Run(int exit, String out, String err) {}

    private static Run cli(InputStream stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Cli.run(args, stdin, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), false);
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static Run publish(String chain, InputStream stdin, String... more) {
        List<String> args = new ArrayList<>(List.of("publish", "-b", kafka.bootstrapServers(), "-c", chain));
        args.addAll(List.of(more));
        return cli(stdin, args.toArray(String[]::new));
    }

    @Test
    void publishesArgumentsKeyedByMessageId() throws Exception {
        Run run = publish("args", InputStream.nullInputStream(), "alpha", "beta", "gamma");
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("sent 3, failed 0 to args.messages.raw");
        List<ConsumerRecord<byte[], byte[]>> records = readAll("args.messages.raw", 3);
        assertThat(records).extracting(r -> new String(r.value(), StandardCharsets.UTF_8))
                .containsExactlyInAnyOrder("alpha", "beta", "gamma");
        assertThat(records).allSatisfy(r -> assertThat(r.key()).isEqualTo(Keccak256.hash(r.value())));
    }

    @Test
    void publishesLinesOfAFile() throws Exception {
        Path file = dir.resolve("messages.txt");
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 500; i++) {
            text.append("line ").append(i).append(i % 50 == 0 ? "\r\n\n" : "\n");
        }
        Files.writeString(file, text);
        Run run = publish("file", InputStream.nullInputStream(), "--file", file.toString());
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("sent 500, failed 0");
        assertThat(readAll("file.messages.raw", 500)).extracting(r -> new String(r.value(), StandardCharsets.UTF_8))
                .contains("line 0", "line 499").doesNotContain("");
    }

    @Test
    void publishesLinesFromStdin() throws Exception {
        Run run = publish("stdin", new ByteArrayInputStream("one\ntwo\n".getBytes(StandardCharsets.UTF_8)));
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("sent 2, failed 0");
        assertThat(readAll("stdin.messages.raw", 2)).extracting(r -> new String(r.value(), StandardCharsets.UTF_8))
                .containsExactlyInAnyOrder("one", "two");
    }

    @Test
    void publishesLengthPrefixedBinaryFromStdin() throws Exception {
        byte[] input = MessageReaderTest.binary("with\nnewline", "x");
        Run run = publish("bin", new ByteArrayInputStream(input), "--binary", "--file", "-");
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(readAll("bin.messages.raw", 2)).extracting(r -> new String(r.value(), StandardCharsets.UTF_8))
                .containsExactlyInAnyOrder("with\nnewline", "x");
    }

    @Test
    void jsonSummaryFollowsItsSchema() throws Exception {
        Run run = publish("json", InputStream.nullInputStream(), "--json", "m1");
        assertThat(run.exit()).as(run.err()).isZero();
        var schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(SchemaResources.read(SchemaResources.PUBLISH_SUMMARY));
        var json = new ObjectMapper().readTree(run.out());
        assertThat(schema.validate(json)).isEmpty();
        assertThat(json.get("sent").asLong()).isEqualTo(1);
    }

    @Test
    void awaitPrintsHeightAndIndexOfEachMessageOnceItsVerifiedReceiptAppears() throws Exception {
        TestChain chain = new TestChain("await");
        chain.next(0, "alpha", "beta");
        Path validators = dir.resolve("validators.txt");
        Files.writeString(validators, chain.validatorsFile());
        try (StubNode node = new StubNode()) {
            String alpha = chain.receipt(chain.blocks.get(0), 0).messageId().toHex();
            String beta = chain.receipt(chain.blocks.get(0), 1).messageId().toHex();
            node.serve(alpha, StubNode.json("await", chain.receipt(chain.blocks.get(0), 0)).toString(), 3);
            node.serve(beta, StubNode.json("await", chain.receipt(chain.blocks.get(0), 1)).toString(), 0);

            Run run = publish("await", InputStream.nullInputStream(), "--await", "--node", node.uri().toString(),
                    "--validators", validators.toString(), "alpha", "beta");

            assertThat(run.exit()).as(run.err()).isZero();
            assertThat(run.out()).contains("sent 2, failed 0 to await.messages.raw")
                    .contains("included " + alpha + " at height 1, index 0 (receipt verified)")
                    .contains("included " + beta + " at height 1, index 1 (receipt verified)");
            assertThat(node.requests.get()).isGreaterThanOrEqualTo(5);
        }
    }

    @Test
    void awaitGivesUpAfterItsTimeoutAndRefusesAForgedReceipt() throws Exception {
        TestChain chain = new TestChain("await");
        chain.next(0, "alpha", "beta");
        Path validators = dir.resolve("validators.txt");
        Files.writeString(validators, chain.validatorsFile());
        try (StubNode node = new StubNode()) {
            Run late = publish("await", InputStream.nullInputStream(), "--await", "--await-timeout", "1s",
                    "--node", node.uri().toString(), "never-included");
            assertThat(late.exit()).isEqualTo(Cli.EXIT_SOME_FAILED);
            assertThat(late.err()).contains("1 message(s) not included within 1s");

            String alpha = chain.receipt(chain.blocks.get(0), 0).messageId().toHex();
            var forged = StubNode.json("await", chain.receipt(chain.blocks.get(0), 0));
            forged.set("stateProof", StubNode.json("await", chain.receipt(chain.blocks.get(0), 1)).get("stateProof"));
            node.serve(alpha, forged.toString());
            Run bad = publish("await", InputStream.nullInputStream(), "--await", "--node", node.uri().toString(),
                    "--validators", validators.toString(), "alpha");
            assertThat(bad.exit()).isEqualTo(Cli.EXIT_VERIFICATION_FAILED);
            assertThat(bad.err()).contains("does NOT verify: BAD_PROOF");
        }
    }

    @Test
    void aMissingFileIsOneClearLine() {
        Run run = publish("file", InputStream.nullInputStream(), "--file", dir.resolve("nope.txt").toString());
        assertThat(run.exit()).isEqualTo(Cli.EXIT_CANNOT_PROCEED);
        assertThat(run.err()).startsWith("error: file not found: ").doesNotContain("\tat ").doesNotContain("Exception");
    }

    @Test
    void anUnreachableBrokerIsOneClearLineAndVerboseShowsTheTrace() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Run run = cli(InputStream.nullInputStream(), "publish", "-b", "127.0.0.1:" + port, "--timeout", "2s", "m");
        assertThat(run.exit()).isEqualTo(Cli.EXIT_CANNOT_PROCEED);
        assertThat(run.err().strip()).isEqualTo("error: cannot reach Kafka at 127.0.0.1:" + port + " within 2s: check"
                + " --bootstrap-servers and that the brokers are running (raise --timeout on a slow network)");
        Run verbose = cli(InputStream.nullInputStream(), "publish", "-b", "127.0.0.1:" + port, "--timeout", "1s", "-v", "m");
        assertThat(verbose.exit()).isEqualTo(Cli.EXIT_CANNOT_PROCEED);
        assertThat(verbose.err()).contains("error: cannot reach Kafka").contains("\tat ");
    }

    @Test
    void aWrongChainNamesTheMissingTopic() {
        Run run = publish("nochain", InputStream.nullInputStream(), "m");
        assertThat(run.exit()).isEqualTo(Cli.EXIT_CANNOT_PROCEED);
        assertThat(run.err()).contains("topic nochain.messages.raw does not exist").contains("--chain")
                .doesNotContain("\tat ");
    }

    @Test
    void usageErrorsExitWithTwo() {
        assertThat(cli(InputStream.nullInputStream(), "publish", "--nope").exit()).isEqualTo(Cli.EXIT_USAGE);
        assertThat(cli(InputStream.nullInputStream()).exit()).isEqualTo(Cli.EXIT_USAGE);
        assertThat(cli(InputStream.nullInputStream(), "publish", "-f", "x", "m").exit()).isEqualTo(Cli.EXIT_USAGE);
        Run badChain = cli(InputStream.nullInputStream(), "publish", "-c", "a.b", "m");
        assertThat(badChain.exit()).isEqualTo(Cli.EXIT_CANNOT_PROCEED);
        assertThat(badChain.err()).startsWith("error: invalid --chain: chain id must match");
    }

    private static List<ConsumerRecord<byte[], byte[]>> readAll(String topic, int expected) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        try (KafkaConsumer<byte[], byte[]> consumer =
                     new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> parts = consumer.partitionsFor(topic).stream()
                    .map(i -> new TopicPartition(topic, i.partition())).toList();
            consumer.assign(parts);
            consumer.seekToBeginning(parts);
            Map<TopicPartition, Long> ends = consumer.endOffsets(parts);
            List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!parts.stream().allMatch(tp -> consumer.position(tp) >= ends.get(tp)) && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
            }
            assertThat(out).hasSize(expected);
            return out;
        }
    }
}
