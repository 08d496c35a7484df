package io.diseq.core.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.diseq.core.util.Bytes;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class TrieCacheTest {
    private static Bytes h(int i) {
        byte[] b = new byte[32];
        b[0] = (byte) i;
        return Bytes.wrap(b);
    }

    @Test
    void pinnedNodesStayUntilTheirBlockIsDurableThenBecomeEvictable() {
        TrieCache cache = new TrieCache(300);
        cache.pin(1, Map.of(h(1), new byte[100], h(2), new byte[100]));
        for (int i = 10; i < 20; i++) {
            cache.put(h(i), new byte[100]);
        }
        assertThat(cache.get(h(1))).isNotNull();
        assertThat(cache.get(h(10))).isNull(); // evicted: the bound holds for loaded nodes
        assertThat(cache.cachedBytes()).isLessThanOrEqualTo(300);
        cache.unpin(1);
        assertThat(cache.pinnedBlocks()).isZero();
        for (int i = 20; i < 30; i++) {
            cache.put(h(i), new byte[100]);
        }
        assertThat(cache.get(h(1))).isNull();
    }

    @Test
    void aNodeSharedByTwoPinnedBlocksStaysWhileEitherIsPinned() {
        TrieCache cache = new TrieCache(1);
        cache.pin(1, Map.of(h(1), new byte[10]));
        cache.pin(2, Map.of(h(1), new byte[10]));
        cache.unpin(1);
        assertThat(cache.contains(h(1))).isTrue();
    }
}
