package io.diseq.node.consensus;

import static org.assertj.core.api.Assertions.assertThat;

import io.diseq.core.chain.BlockHeader;
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
import io.diseq.node.testing.Cluster;
import io.diseq.node.testing.KafkaExtension;
import io.diseq.schemas.BlockRecord;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Assertions and input helpers shared by the multi-validator integration tests. */
final class ClusterChecks {
    private ClusterChecks() {
    }

    /** {@code count} distinct messages, tagged so that no two calls produce the same ids. */
    static List<byte[]> messages(String tag, int count) {
        List<byte[]> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add((tag + "-message-" + i).getBytes(StandardCharsets.UTF_8));
        }
        return out;
    }

    /** Produces already-validated records to {@code <chain>.messages}, key = message id. */
    static void produce(KafkaExtension kafka, String chainId, List<byte[]> values) {
        Map<String, Object> config = kafka.producerConfig(Map.of(ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true));
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config)) {
            for (byte[] v : values) {
                producer.send(new ProducerRecord<>(chainId + ".messages", Keccak256.hash(v), v));
            }
            producer.flush();
        }
    }

    static long sequenced(Cluster c, int i) {
        return c.jdbi(i).withHandle(h -> h.createQuery("SELECT count(*) FROM messages").mapTo(Long.class).one());
    }

    static long height(Cluster c, int i) {
        return c.store(i).latest().map(BlockRow::height).orElse(0L);
    }

    /** Block ids by height of validator i (index 0 = height 1). */
    static List<String> chain(Cluster c, int i) {
        return c.jdbi(i).withHandle(h -> h.createQuery("SELECT block_id FROM blocks ORDER BY height")
                .map((rs, ctx) -> HexFormat.of().formatHex(rs.getBytes(1))).list());
    }

    /** Each validator's chain is a prefix of the longest one: no fork anywhere, heights contiguous from 1. */
    static void assertNoFork(Cluster c) {
        List<List<String>> chains = new ArrayList<>();
        for (int i = 0; i < c.size(); i++) {
            chains.add(chain(c, i));
        }
        List<String> longest = chains.stream().max((a, b) -> Integer.compare(a.size(), b.size())).orElseThrow();
        for (int i = 0; i < chains.size(); i++) {
            assertThat(longest.subList(0, chains.get(i).size())).as("chain of validator " + i)
                    .isEqualTo(chains.get(i));
        }
    }

    /** The block topic holds exactly heights 1..h, in order, with the stored block ids. */
    static void assertOutputTopic(KafkaExtension kafka, Cluster c, long h) {
        List<ConsumerRecord<byte[], byte[]>> records = kafka.readAllCommitted(c.chainId() + ".blocks");
        List<String> expected = chain(c, 0).subList(0, (int) h);
        assertThat(records).hasSize((int) h);
        for (int k = 0; k < records.size(); k++) {
            assertThat(BlockRecord.height(records.get(k).key())).isEqualTo(k + 1);
            BlockRecord r = BlockRecord.fromJson(records.get(k).value());
            assertThat(HexFormat.of().formatHex(r.blockIdBytes())).isEqualTo(expected.get(k));
        }
    }

    /** Builds receipts for random stored messages straight from validator i's store and verifies them offline. */
    static void assertReceiptsVerify(Cluster c, int i, List<byte[]> sample, long seed) {
        Random random = new Random(seed);
        BlockStore store = c.store(i);
        for (int k = 0; k < 20; k++) {
            byte[] body = sample.get(random.nextInt(sample.size()));
            MessageRow row = store.message(Bytes.wrap(Keccak256.hash(body))).orElseThrow();
            BlockRow block = store.block(row.height()).orElseThrow();
            BlockHeader header = BlockHeader.decode(block.headerRlp());
            List<byte[]> bodies = store.messagesAt(row.height()).stream().map(MessageRow::body).toList();
            List<byte[]> messagesProof = MerklePatriciaTrie.orderedProof(bodies, row.idx());
            List<byte[]> stateProof = MerklePatriciaTrie.open(c.trieNodes(i), header.stateRoot())
                    .prove(Keccak256.hash(body));
            MessageReceipt receipt = new MessageReceipt(header, QuorumCertificate.decode(block.certificate()),
                    row.idx(), Bytes.wrap(body), messagesProof, stateProof);
            assertThat(receipt.verify(c.chainId(), c.chain().validators(), StandardConsensusCrypto.verifier()))
                    .isEqualTo(Verdict.ACCEPT);
        }
    }

    static long seconds(long startNanos) {
        return TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - startNanos);
    }
}
