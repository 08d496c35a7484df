package io.diseq.node.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.diseq.core.crypto.Keccak256;
import io.diseq.core.util.Bytes;
import io.diseq.node.testing.PostgresExtension;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The COPY block writes and the batched trie-node load against a real PostgreSQL. */
@Tag("integration")
class BlockStoreCopyTest {
    @RegisterExtension
    static final PostgresExtension PG = new PostgresExtension();

    private Jdbi jdbi;
    private BlockStore store;

    @BeforeEach
    void open() {
        jdbi = NodeDatabase.open(PG.jdbi());
        store = new BlockStore(jdbi, nodes -> { });
    }

    @Test
    void arbitraryBytesSurviveTheCopyUnchanged() {
        byte[] every = new byte[256];
        for (int i = 0; i < 256; i++) {
            every[i] = (byte) i;
        }
        List<byte[]> bodies = List.of(every, new byte[] {0}, new byte[] {0, 0, 0},
                "tab\there\\back\\\\slash\nnewline\r\\N".getBytes(StandardCharsets.UTF_8),
                new byte[] {'\\', '.', '\n'}, new byte[] {(byte) 0xFF, (byte) 0xFE, 0x7F});
        Map<Bytes, byte[]> nodes = new HashMap<>();
        for (byte[] body : bodies) {
            byte[] node = concat(new byte[] {0, '\t', '\\'}, body);
            nodes.put(Bytes.of(Keccak256.hash(node)), node);
        }

        assertThat(store.store(write(1, bodies, nodes))).isEqualTo(new StoreOutcome.Stored(1));

        assertThat(store.messagesAt(1)).extracting(MessageRow::body).containsExactlyElementsOf(bodies);
        for (int i = 0; i < bodies.size(); i++) {
            MessageRow row = store.message(Bytes.of(Keccak256.hash(bodies.get(i)))).orElseThrow();
            assertThat(row.idx()).isEqualTo(i);
            assertThat(row.id()).isEqualTo(Keccak256.hash(bodies.get(i)));
        }
        assertThat(store.messageSourcesAt(1)).hasSize(bodies.size())
                .extracting(MessageSourceRow::kafkaOffset).containsExactly(100L, 101L, 102L, 103L, 104L, 105L);
        PostgresNodeStore cold = new PostgresNodeStore(jdbi, 100);
        nodes.forEach((hash, rlp) -> assertThat(cold.get(hash)).isEqualTo(rlp));
    }

    @Test
    void maximumSizeMessagesAreStored() {
        SplittableRandom random = new SplittableRandom(3);
        List<byte[]> bodies = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            byte[] body = new byte[65_536];
            random.nextBytes(body);
            bodies.add(body);
        }
        byte[] bigNode = new byte[65_536];
        random.nextBytes(bigNode);

        store.store(write(1, bodies, Map.of(Bytes.of(Keccak256.hash(bigNode)), bigNode)));

        assertThat(store.messagesAt(1)).extracting(MessageRow::body).containsExactlyElementsOf(bodies);
        assertThat(new PostgresNodeStore(jdbi, 1).get(Bytes.of(Keccak256.hash(bigNode)))).isEqualTo(bigNode);
    }

    @Test
    void aBlockWithNoMessagesNoSourcesAndNoNodesIsStored() {
        BlockWrite empty = new BlockWrite(1, id("e"), bytes("header"), bytes("cert"), 5, List.of(), Map.of(),
                new TreeMap<>(Map.of(0, 7L)), List.of());

        assertThat(store.store(empty)).isEqualTo(new StoreOutcome.Stored(1));
        assertThat(store.store(empty)).isEqualTo(new StoreOutcome.AlreadyStored(1));

        assertThat(store.messagesAt(1)).isEmpty();
        assertThat(store.messageSourcesAt(1)).isEmpty();
        assertThat(store.latestPositions()).containsExactly(Map.entry(0, 7L));
        assertThat(store.store(write(2, List.of(bytes("after")), Map.of()))).isEqualTo(new StoreOutcome.Stored(2));
    }

    @Test
    void rewritingTheSameBlockChangesNothingAndAConflictWritesNothing() {
        List<byte[]> bodies = List.of(bytes("a"), bytes("b"));
        BlockWrite block = write(1, bodies, nodesFor(bodies));
        store.store(block);

        assertThat(store.store(block)).isEqualTo(new StoreOutcome.AlreadyStored(1));
        BlockWrite other = new BlockWrite(1, id("other"), bytes("h"), bytes("c"), 1, List.of(Bytes.of(bytes("c"))),
                Map.of(), new TreeMap<>(), List.of(new MessageSource(0, 1)));
        assertThat(store.store(other)).isEqualTo(new StoreOutcome.Conflict(1, block.blockId()));

        assertThat(store.messagesAt(1)).extracting(MessageRow::body).containsExactlyElementsOf(bodies);
        assertThat(store.messageSourcesAt(1)).hasSize(2);
        assertThat(count("trie_nodes")).isEqualTo(2);
        assertThat(count("messages")).isEqualTo(2);
    }

    @Test
    void trieNodesAlreadyStoredByAnEarlierBlockDoNotFailTheCopy() {
        byte[] shared = bytes("shared node");
        byte[] fresh = bytes("fresh node");
        Map<Bytes, byte[]> first = Map.of(Bytes.of(Keccak256.hash(shared)), shared);
        Map<Bytes, byte[]> second = Map.of(Bytes.of(Keccak256.hash(shared)), shared, Bytes.of(Keccak256.hash(fresh)), fresh);

        store.store(write(1, List.of(bytes("m1")), first));
        assertThat(store.store(write(2, List.of(bytes("m2")), second))).isEqualTo(new StoreOutcome.Stored(2));
        assertThat(store.store(write(3, List.of(bytes("m3")), second))).isEqualTo(new StoreOutcome.Stored(3));

        assertThat(count("trie_nodes")).isEqualTo(2);
    }

    @Test
    void aDuplicateMessageFailsTheCopyAndTheWholeBlock() {
        byte[] node = bytes("node of block 2");
        store.store(write(1, List.of(bytes("m1")), Map.of()));

        assertThatThrownBy(() -> store.store(write(2, List.of(bytes("m2"), bytes("m1")),
                Map.of(Bytes.of(Keccak256.hash(node)), node)))).hasMessageContaining("messages_pkey");

        assertThat(store.latest().orElseThrow().height()).isEqualTo(1);
        assertThat(count("messages")).isEqualTo(1);
        assertThat(count("message_sources")).isEqualTo(1);
        assertThat(count("trie_nodes")).isZero();
        assertThat(store.store(write(2, List.of(bytes("m2")), Map.of()))).isEqualTo(new StoreOutcome.Stored(2));
    }

    @Test
    void getManyReturnsExactlyTheStoredNodesAsked() {
        List<byte[]> bodies = List.of(bytes("x"), bytes("y"), bytes("z"));
        Map<Bytes, byte[]> nodes = nodesFor(bodies);
        store.store(write(1, bodies, nodes));
        PostgresNodeStore cold = new PostgresNodeStore(jdbi, 10);
        List<Bytes> asked = new ArrayList<>(nodes.keySet());
        Bytes absent = id("absent");
        asked.add(absent);
        asked.add(asked.get(0));

        Map<Bytes, byte[]> loaded = cold.getMany(asked);

        assertThat(loaded).containsOnlyKeys(nodes.keySet()).doesNotContainKey(absent);
        nodes.forEach((hash, rlp) -> assertThat(loaded.get(hash)).isEqualTo(rlp));
        assertThat(cold.cachedEntries()).as("consensus keeps what it loads in its own trie cache").isZero();
        assertThat(cold.getMany(List.of())).isEmpty();
        assertThat(cold.getMany(List.of(absent))).isEmpty();
        assertThat(cold.getMany(List.of(asked.get(1)))).containsOnlyKeys(asked.get(1));
        assertThat(cold.get(asked.get(2))).isEqualTo(nodes.get(asked.get(2)));
    }

    @Test
    void getManyLoadsALargeBatchInOneCall() {
        Map<Bytes, byte[]> nodes = new HashMap<>();
        SplittableRandom random = new SplittableRandom(11);
        for (int i = 0; i < 5_000; i++) {
            byte[] node = new byte[40 + random.nextInt(500)];
            random.nextBytes(node);
            nodes.put(Bytes.of(Keccak256.hash(node)), node);
        }
        store.store(write(1, List.of(bytes("m")), nodes));
        List<Bytes> asked = new ArrayList<>(nodes.keySet());
        for (int i = 0; i < 100; i++) {
            asked.add(id("missing " + i));
        }

        Map<Bytes, byte[]> loaded = new PostgresNodeStore(jdbi, 10).getMany(asked);

        assertThat(loaded).hasSize(5_000);
        nodes.forEach((hash, rlp) -> assertThat(loaded.get(hash)).isEqualTo(rlp));
    }

    @Test
    void perMessageTablesKeepTheirIndexesAndLoseTheirForeignKeys() {
        List<String> constraints = jdbi.withHandle(h -> h.createQuery("SELECT conrelid::regclass::text || ' ' || contype::text "
                + "FROM pg_constraint WHERE conrelid IN ('messages'::regclass, 'message_sources'::regclass) "
                + "AND contype IN ('p', 'u', 'f') ORDER BY 1").mapTo(String.class).list());

        assertThat(constraints).containsExactly("message_sources p", "messages p", "messages u");
    }

    private long count(String table) {
        return jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM " + table).mapTo(Long.class).one());
    }

    private static BlockWrite write(long height, List<byte[]> bodies, Map<Bytes, byte[]> nodes) {
        List<Bytes> messages = new ArrayList<>();
        List<MessageSource> sources = new ArrayList<>();
        for (int i = 0; i < bodies.size(); i++) {
            messages.add(Bytes.of(bodies.get(i)));
            sources.add(new MessageSource(i % 3, 100 + i));
        }
        return new BlockWrite(height, id("block " + height), bytes("header " + height), bytes("cert " + height),
                1000 + height, messages, nodes, new TreeMap<>(Map.of(0, 100L + bodies.size())), sources);
    }

    private static Map<Bytes, byte[]> nodesFor(List<byte[]> bodies) {
        Map<Bytes, byte[]> nodes = new HashMap<>();
        for (byte[] body : bodies) {
            byte[] node = concat(bytes("node:"), body);
            nodes.put(Bytes.of(Keccak256.hash(node)), node);
        }
        return nodes;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static Bytes id(String tag) {
        return Bytes.of(Keccak256.hash(bytes(tag)));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
