package io.diseq.node.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.diseq.core.chain.BlockHeader;
import io.diseq.core.chain.ChainTip;
import io.diseq.core.chain.CommitSignature;
import io.diseq.core.chain.DecidedBlock;
import io.diseq.core.chain.PartitionRange;
import io.diseq.core.chain.QuorumCertificate;
import io.diseq.core.chain.SequencedMessage;
import io.diseq.core.crypto.Keccak256;
import io.diseq.core.util.Bytes;
import io.diseq.node.testing.PostgresExtension;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@Tag("integration")
class BlockStoreTest {
    @RegisterExtension
    static final PostgresExtension PG = new PostgresExtension();

    private Jdbi jdbi;
    private PostgresNodeStore nodes;
    private BlockStore store;

    @BeforeEach
    void open() {
        jdbi = NodeDatabase.open(PG.jdbi());
        nodes = new PostgresNodeStore(jdbi, 4);
        store = new BlockStore(jdbi, nodes::remember);
    }

    @Test
    void migrationsAreVersionedAndIdempotent() {
        int latest = Migrations.SCRIPTS.size();
        assertThat(Migrations.migrate(jdbi)).isEqualTo(latest);
        assertThat(Migrations.migrate(jdbi)).isEqualTo(latest);
        int rows = jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM schema_version").mapTo(Integer.class).one());
        assertThat(rows).isEqualTo(latest);
    }

    @Test
    void storesBlockMessagesTrieNodesAndPositionsTogether() {
        BlockWrite block = block(1, "a", List.of("m1", "m2", "m3"), Map.of(0, 3L, 1, 0L));

        assertThat(store.store(block)).isEqualTo(new StoreOutcome.Stored(1));

        BlockRow row = store.latest().orElseThrow();
        assertThat(row.height()).isEqualTo(1);
        assertThat(row.blockId()).isEqualTo(block.blockId().toArray());
        assertThat(row.headerRlp()).isEqualTo(block.headerRlp());
        assertThat(row.certificate()).isEqualTo(block.certificate());
        assertThat(store.messagesAt(1)).extracting(m -> new String(m.body(), StandardCharsets.UTF_8))
                .containsExactly("m1", "m2", "m3");
        MessageRow m2 = store.message(Bytes.of(Keccak256.hash(bytes("m2")))).orElseThrow();
        assertThat(m2.height()).isEqualTo(1);
        assertThat(m2.idx()).isEqualTo(1);
        assertThat(store.latestPositions()).containsExactly(Map.entry(0, 3L), Map.entry(1, 0L));
        Bytes nodeHash = block.newTrieNodes().keySet().iterator().next();
        assertThat(new PostgresNodeStore(jdbi, 2).get(nodeHash)).isEqualTo(block.newTrieNodes().get(nodeHash));
    }

    @Test
    void sameBlockAgainIsIdempotentAndDifferentBlockIsRefused() {
        store.store(block(1, "a", List.of("m1"), Map.of(0, 1L)));

        assertThat(store.store(block(1, "a", List.of("m1"), Map.of(0, 1L))))
                .isEqualTo(new StoreOutcome.AlreadyStored(1));
        assertThat(store.store(block(1, "b", List.of("m9"), Map.of(0, 1L))))
                .isEqualTo(new StoreOutcome.Conflict(1, id("a")));
        assertThat(store.messagesAt(1)).hasSize(1);
        assertThat(store.message(Bytes.of(Keccak256.hash(bytes("m9"))))).isEmpty();
    }

    @Test
    void storedChainStaysContiguous() {
        store.store(block(1, "a", List.of("m1"), Map.of(0, 1L)));

        assertThat(store.store(block(3, "c", List.of("m3"), Map.of(0, 2L))))
                .isEqualTo(new StoreOutcome.NotNext(3, 1));
        assertThat(store.store(block(2, "b", List.of("m2"), Map.of(0, 2L)))).isEqualTo(new StoreOutcome.Stored(2));
        assertThat(store.blocksFrom(1, 10)).extracting(BlockRow::height).containsExactly(1L, 2L);
        assertThat(store.latestPositions()).containsExactly(Map.entry(0, 2L));
    }

    @Test
    void aMessageSequencedTwiceFailsTheWholeBlockTransaction() {
        store.store(block(1, "a", List.of("m1"), Map.of(0, 1L)));

        assertThatThrownBy(() -> store.store(block(2, "b", List.of("m2", "m1"), Map.of(0, 3L))))
                .hasMessageContaining("messages_pkey");
        assertThat(store.latest().orElseThrow().height()).isEqualTo(1);
        assertThat(store.message(Bytes.of(Keccak256.hash(bytes("m2"))))).isEmpty();
        assertThat(store.latestPositions()).containsExactly(Map.entry(0, 1L));
    }

    @Test
    void nodeStoreReadsThroughBoundedCacheAndReportsAbsence() {
        BlockWrite block = block(1, "a", List.of("m1"), Map.of(0, 1L));
        store.store(block);
        PostgresNodeStore cold = new PostgresNodeStore(jdbi, 1);

        for (Bytes hash : block.newTrieNodes().keySet()) {
            assertThat(cold.get(hash)).isEqualTo(block.newTrieNodes().get(hash));
        }
        assertThat(cold.cachedEntries()).isEqualTo(1);
        assertThat(cold.get(id("absent"))).isNull();
        assertThat(nodes.cachedEntries()).isEqualTo(block.newTrieNodes().size());
    }

    @Test
    void signerStateIsASingleDurableRow() {
        SignerStateDao signer = jdbi.onDemand(SignerStateDao.class);
        assertThat(signer.load()).isEmpty();

        signer.save(bytes("h1r0"));
        signer.save(bytes("h1r1"));

        assertThat(signer.load()).hasValueSatisfying(s -> assertThat(s).isEqualTo(bytes("h1r1")));
    }

    @Test
    void storesTheCoresDecidedBlockAndRestoresItsTip() {
        ChainTip genesis = new ChainTip(new BlockHeader("devnet", 0, 0, Bytes.wrap(new byte[32]), 1000, 0, 0,
                Bytes.EMPTY, List.of(), 0, id("empty"), id("empty"), id("set")), id("genesis"), Map.of());
        BlockHeader header = new BlockHeader("devnet", 1, 0, genesis.blockId(), 2000, 2, 1, Bytes.wrap(new byte[80]),
                List.of(new PartitionRange(0, 0, 2), new PartitionRange(3, 0, 1)), 3, id("mroot"), id("sroot"),
                id("set"));
        ChainTip tip = genesis.advance(header);
        List<SequencedMessage> messages = List.of(
                new SequencedMessage(1, 3, 0, id("m-b"), Bytes.of(bytes("b"))),
                new SequencedMessage(0, 0, 0, id("m-a"), Bytes.of(bytes("a"))),
                new SequencedMessage(2, 0, 1, id("m-c"), Bytes.of(bytes("c"))));
        QuorumCertificate certificate = new QuorumCertificate(1, 0, tip.blockId(), List.of(
                new CommitSignature(0, Bytes.wrap(new byte[64])), new CommitSignature(2, Bytes.wrap(new byte[64]))));
        byte[] node = bytes("state node");
        DecidedBlock decided = new DecidedBlock(header, tip.blockId(), certificate, messages,
                Map.of(Bytes.of(Keccak256.hash(node)), node), tip);

        assertThat(store.store(BlockWrite.of(decided))).isEqualTo(new StoreOutcome.Stored(1));

        assertThat(store.latestTip()).hasValue(tip);
        assertThat(store.messagesAt(1)).extracting(m -> new String(m.body(), StandardCharsets.UTF_8))
                .containsExactly("a", "b", "c");
        assertThat(store.messageSourcesAt(1)).containsExactly(new MessageSourceRow(1, 0, 0, 0),
                new MessageSourceRow(1, 1, 3, 0), new MessageSourceRow(1, 2, 0, 1));
        assertThat(QuorumCertificate.decode(store.latest().orElseThrow().certificate())).isEqualTo(certificate);
        assertThat(nodes.get(Bytes.of(Keccak256.hash(node)))).isEqualTo(node);
        assertThat(store.latestPositions()).containsExactly(Map.entry(0, 2L), Map.entry(3, 1L));
    }

    static BlockWrite block(long height, String tag, List<String> messages, Map<Integer, Long> positions) {
        List<Bytes> bodies = new ArrayList<>();
        Map<Bytes, byte[]> trieNodes = new java.util.HashMap<>();
        for (String m : messages) {
            bodies.add(Bytes.of(bytes(m)));
            byte[] node = bytes("node:" + m);
            trieNodes.put(Bytes.of(Keccak256.hash(node)), node);
        }
        return new BlockWrite(height, id(tag), bytes("header:" + tag), bytes("cert:" + tag), 1000 + height,
                bodies, trieNodes, new TreeMap<>(positions));
    }

    static Bytes id(String tag) {
        return Bytes.of(Keccak256.hash(bytes(tag)));
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
