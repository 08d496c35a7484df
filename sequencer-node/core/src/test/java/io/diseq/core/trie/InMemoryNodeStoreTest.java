package io.diseq.core.trie;

import static org.assertj.core.api.Assertions.assertThat;

import io.diseq.core.util.Bytes;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** {@link InMemoryNodeStore} answers exactly like a map of its entries, at any size and key length. */
@Tag("unit")
class InMemoryNodeStoreTest {

    private static Bytes randomKey(SplittableRandom random, int length) {
        byte[] key = new byte[length];
        random.nextBytes(key);
        return Bytes.wrap(key);
    }

    private static void assertSameAs(InMemoryNodeStore store, Map<Bytes, byte[]> expected) {
        assertThat(store.size()).isEqualTo(expected.size());
        for (Map.Entry<Bytes, byte[]> e : expected.entrySet()) {
            assertThat(store.get(e.getKey())).isEqualTo(e.getValue()).isNotSameAs(e.getValue());
            assertThat(store.get(Bytes.of(e.getKey().unsafeArray()))).isEqualTo(e.getValue());
        }
    }

    @Test
    void growsThroughManyBatchesAndFindsEveryEntry() {
        SplittableRandom random = new SplittableRandom(1);
        InMemoryNodeStore store = new InMemoryNodeStore();
        Map<Bytes, byte[]> expected = new HashMap<>();
        for (int batch = 0; batch < 20; batch++) {
            Map<Bytes, byte[]> nodes = new HashMap<>();
            for (int i = 0; i < 500; i++) {
                nodes.put(randomKey(random, 32), new byte[] {(byte) batch, (byte) i});
            }
            store.putAll(nodes);
            expected.putAll(nodes);
        }
        assertSameAs(store, expected);
        for (int i = 0; i < 1000; i++) {
            assertThat(store.get(randomKey(random, 32))).isNull();
        }
    }

    @Test
    void keysSharingTheirFirstWordsAreDistinguished() {
        InMemoryNodeStore store = new InMemoryNodeStore();
        Map<Bytes, byte[]> nodes = new HashMap<>();
        for (int i = 0; i < 300; i++) {
            byte[] key = new byte[32];
            key[31] = (byte) i;
            key[30] = (byte) (i >> 8);
            key[0] = 7;
            nodes.put(Bytes.wrap(key), new byte[] {(byte) i});
        }
        store.putAll(nodes);
        assertSameAs(store, nodes);
        byte[] absent = new byte[32];
        absent[0] = 7;
        absent[29] = 1;
        assertThat(store.get(Bytes.wrap(absent))).isNull();
    }

    @Test
    void otherLengthsAndTheZeroKeyAreStoredToo() {
        SplittableRandom random = new SplittableRandom(2);
        InMemoryNodeStore store = new InMemoryNodeStore();
        Map<Bytes, byte[]> nodes = new HashMap<>();
        nodes.put(Bytes.wrap(new byte[32]), new byte[] {1});
        nodes.put(Bytes.EMPTY, new byte[] {2});
        nodes.put(randomKey(random, 5), new byte[] {3});
        nodes.put(randomKey(random, 33), new byte[] {4});
        nodes.put(randomKey(random, 32), new byte[] {5});
        store.putAll(nodes);
        assertSameAs(store, nodes);
        assertThat(store.get(Bytes.wrap(new byte[31]))).isNull();
    }

    @Test
    void storingAKeyAgainKeepsOneEntry() {
        Bytes key = randomKey(new SplittableRandom(3), 32);
        InMemoryNodeStore store = new InMemoryNodeStore();
        store.putAll(Map.of(key, new byte[] {1, 2}));
        store.putAll(Map.of(key, new byte[] {1, 2}));
        assertThat(store.size()).isEqualTo(1);
        assertThat(store.get(key)).containsExactly(1, 2);
    }

    @Test
    void aCallerCannotChangeWhatIsStored() {
        Bytes key = randomKey(new SplittableRandom(4), 32);
        byte[] node = {1, 2, 3};
        InMemoryNodeStore store = new InMemoryNodeStore();
        store.putAll(Map.of(key, node));
        node[0] = 9;
        store.get(key)[1] = 9;
        assertThat(store.get(key)).containsExactly(1, 2, 3);
    }

    @Test
    void largeAndEmptyEncodingsAndManyChunksKeepTheirBytes() {
        SplittableRandom random = new SplittableRandom(5);
        InMemoryNodeStore store = new InMemoryNodeStore();
        Map<Bytes, byte[]> expected = new HashMap<>();
        int[] lengths = {0, 1, 3_000, (1 << 20) - 1, 1 << 20, (3 << 20) + 7, 17};
        for (int round = 0; round < 40; round++) {
            for (int length : lengths) {
                byte[] value = new byte[length];
                random.nextBytes(value);
                expected.put(randomKey(random, 32), value);
            }
        }
        store.putAll(expected);
        assertSameAs(store, expected);
    }
}
