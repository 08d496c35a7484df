package io.diseq.node.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.diseq.core.chain.DecidedBlock;
import io.diseq.core.chain.SequencedMessage;
import io.diseq.core.trie.MerklePatriciaTrie;
import io.diseq.node.store.BlockStore;
import io.diseq.node.store.BlockWrite;
import io.diseq.node.store.NodeDatabase;
import io.diseq.node.testing.PostgresExtension;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link DecidedBlockCache} over a real PostgreSQL: what it serves, its bound, and what it never caches. */
@Tag("integration")
class DecidedBlockCacheTest {
    @RegisterExtension
    static final PostgresExtension PG = new PostgresExtension();

    private BlockStore store;
    private TestChain chain;

    @BeforeEach
    void open() {
        store = new BlockStore(NodeDatabase.open(PG.jdbi()), nodes -> { });
        chain = new TestChain(RestApiTest.chainConfig(), 2);
    }

    private DecidedBlock storeNext(String... payloads) {
        List<byte[]> bodies = new ArrayList<>();
        for (String p : payloads) {
            bodies.add(p.getBytes(StandardCharsets.UTF_8));
        }
        DecidedBlock block = chain.next(bodies);
        store.store(BlockWrite.of(block));
        return block;
    }

    @Test
    void servesTheStoredHeaderAndProvesEveryMessageAsTheFullTrieDoes() {
        DecidedBlock block = storeNext("alpha", "beta", "a message longer than thirty-two bytes, stored by hash");
        DecidedBlockCache cache = new DecidedBlockCache(store, 1 << 20);

        DecidedBlockCache.Entry entry = cache.get(1).orElseThrow();

        assertThat(entry.header()).isEqualTo(block.header());
        assertThat(entry.headerView()).isEqualTo(Views.Header.of(block.header()));
        List<byte[]> bodies = block.messages().stream().map(m -> m.payload().toArray()).toList();
        for (SequencedMessage m : block.messages()) {
            List<byte[]> expected = MerklePatriciaTrie.orderedProof(bodies, m.index());
            List<byte[]> proof = entry.messages().prove(m.index(), m.payload().toArray());
            assertThat(proof).hasSameSizeAs(expected);
            for (int k = 0; k < proof.size(); k++) {
                assertThat(proof.get(k)).isEqualTo(expected.get(k));
            }
        }
        assertThat(cache.get(1).orElseThrow()).isSameAs(entry);
    }

    @Test
    void keepsOnlyWhatFitsTheBoundButAlwaysTheLatestRead() {
        storeNext("one", "two");
        storeNext("three", "four");
        DecidedBlockCache cache = new DecidedBlockCache(store, 1);

        cache.get(1).orElseThrow();
        cache.get(2).orElseThrow();

        assertThat(cache.size()).isEqualTo(1);
        assertThat(cache.get(2)).isPresent();
        assertThat(cache.get(1)).isPresent();
        assertThat(cache.size()).isEqualTo(1);
    }

    @Test
    void aHeightNotYetStoredIsNotCachedAsAbsent() {
        DecidedBlockCache cache = new DecidedBlockCache(store, 1 << 20);

        assertThat(cache.get(1)).isEmpty();
        assertThat(cache.size()).isZero();

        storeNext("late");
        assertThat(cache.get(1)).isPresent();
        assertThat(cache.heldBytes()).isPositive();
    }
}
