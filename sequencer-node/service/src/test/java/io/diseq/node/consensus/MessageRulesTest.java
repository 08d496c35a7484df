package io.diseq.node.consensus;

import static io.diseq.node.consensus.ClusterChecks.assertNoFork;
import static io.diseq.node.consensus.ClusterChecks.sequenced;
import static org.assertj.core.api.Assertions.assertThat;

import io.diseq.core.chain.BlockHeader;
import io.diseq.core.chain.ChainConfig;
import io.diseq.core.chain.MessageReceipt;
import io.diseq.core.chain.QuorumCertificate;
import io.diseq.core.chain.StandardConsensusCrypto;
import io.diseq.core.chain.Verdict;
import io.diseq.core.crypto.Keccak256;
import io.diseq.core.trie.MerklePatriciaTrie;
import io.diseq.core.util.Bytes;
import io.diseq.node.store.BlockRow;
import io.diseq.node.store.BlockStore;
import io.diseq.node.store.MessageRow;
import io.diseq.node.testing.Await;
import io.diseq.node.testing.Cluster;
import io.diseq.node.testing.KafkaExtension;
import io.diseq.node.testing.PostgresExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The message rules of the input topic end to end (docs/protocol.md §7.11): records written straight to
 * {@code <chain>.messages} on the real broker, bypassing ingest, with a null value, an empty value and a value of
 * 70,000 bytes (above {@link ChainConfig#MESSAGE_BYTES_MAX}) are never sequenced by four validators, while the
 * valid records around them (including one of exactly the maximum size) are, exactly once; and every sequenced
 * message's receipt verifies offline.
 */
@Tag("integration")
class MessageRulesTest {
    private static final Duration DEADLINE = Duration.ofSeconds(90);

    @RegisterExtension
    @Order(1)
    static final KafkaExtension KAFKA = new KafkaExtension();

    @RegisterExtension
    @Order(2)
    static final PostgresExtension PG = new PostgresExtension();

    @Test
    void nullEmptyAndOversizedRecordsAreNeverSequencedWhileTheValidOnesAroundThemAre() throws Exception {
        try (Cluster c = new Cluster("message-rules", 4, KAFKA, PG, ConsensusClusterTest.FAST)) {
            c.startAll();
            List<byte[]> valid = new ArrayList<>();
            for (int partition = 0; partition < 2; partition++) {
                valid.addAll(produceInterleaved(c.chainId(), partition));
            }
            for (int i = 0; i < c.size(); i++) {
                int v = i;
                Await.until(DEADLINE, () -> "validator " + v + " sequenced " + valid.size() + " messages, has "
                        + sequenced(c, v) + ": " + c.describe(), () -> sequenced(c, v) >= valid.size());
                assertThat(sequenced(c, i)).as("validator " + i + " sequenced only the valid records")
                        .isEqualTo(valid.size());
            }
            for (int i = 0; i < c.size(); i++) {
                assertOnlyValidStored(c, i, valid);
            }
            assertNoFork(c);
            assertEveryReceiptVerifies(c, 0);
            assertEveryReceiptVerifies(c, 3);
        }
    }

    /** On one partition: valid, null, valid, empty, valid, 70,000 bytes, valid, the maximum size, valid. */
    private static List<byte[]> produceInterleaved(String chainId, int partition) throws Exception {
        byte[] max = new byte[ChainConfig.MESSAGE_BYTES_MAX];
        Arrays.fill(max, (byte) ('a' + partition));
        List<byte[]> valid = new ArrayList<>();
        List<byte[]> sequence = new ArrayList<>();
        for (int k = 0; k < 5; k++) {
            byte[] v = ("p" + partition + "-valid-" + k).getBytes(StandardCharsets.UTF_8);
            valid.add(v);
            sequence.add(v);
            if (k == 0) {
                sequence.add(null);
            } else if (k == 1) {
                sequence.add(new byte[0]);
            } else if (k == 2) {
                sequence.add(new byte[70_000]);
            } else if (k == 3) {
                sequence.add(max);
            }
        }
        valid.add(max);
        try (KafkaProducer<byte[], byte[]> producer = KAFKA.producer()) {
            for (byte[] value : sequence) {
                byte[] key = value == null ? new byte[] {0} : Keccak256.hash(value);
                producer.send(new ProducerRecord<>(chainId + ".messages", partition, key, value))
                        .get(30, TimeUnit.SECONDS);
            }
        }
        return valid;
    }

    private static void assertOnlyValidStored(Cluster c, int i, List<byte[]> valid) {
        List<byte[]> bodies = c.jdbi(i).withHandle(h -> h.createQuery("SELECT body FROM messages")
                .mapTo(byte[].class).list());
        assertThat(bodies).allSatisfy(b -> assertThat(b.length).isBetween(1, ChainConfig.MESSAGE_BYTES_MAX));
        BlockStore store = c.store(i);
        for (byte[] v : valid) {
            assertThat(store.message(Bytes.wrap(Keccak256.hash(v)))).as("validator " + i + " stored "
                    + v.length + " bytes").isPresent();
        }
    }

    /** Builds the receipt of EVERY stored message from validator i's store and verifies it offline. */
    private static void assertEveryReceiptVerifies(Cluster c, int i) {
        BlockStore store = c.store(i);
        long top = store.latest().map(BlockRow::height).orElse(0L);
        for (long h = 1; h <= top; h++) {
            BlockRow block = store.block(h).orElseThrow();
            BlockHeader header = BlockHeader.decode(block.headerRlp());
            List<MessageRow> rows = store.messagesAt(h);
            List<byte[]> bodies = rows.stream().map(MessageRow::body).toList();
            for (MessageRow row : rows) {
                List<byte[]> messagesProof = MerklePatriciaTrie.orderedProof(bodies, row.idx());
                List<byte[]> stateProof = MerklePatriciaTrie.open(c.trieNodes(i), header.stateRoot())
                        .prove(Keccak256.hash(row.body()));
                MessageReceipt receipt = new MessageReceipt(header, QuorumCertificate.decode(block.certificate()),
                        row.idx(), Bytes.wrap(row.body()), messagesProof, stateProof);
                assertThat(receipt.verify(c.chainId(), c.chain().validators(), StandardConsensusCrypto.verifier()))
                        .as("receipt of message " + row.idx() + " at height " + h).isEqualTo(Verdict.ACCEPT);
            }
        }
    }
}
