package io.diseq.core.trie;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** {@link OrderedTrieProver} proves exactly what {@link MerklePatriciaTrie#orderedProof} proves. */
@Tag("unit")
class OrderedTrieProverTest {
    private static List<byte[]> values(int n, int minBytes, int maxBytes, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<byte[]> values = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            byte[] v = new byte[minBytes + random.nextInt(maxBytes - minBytes + 1)];
            random.nextBytes(v);
            values.add(v);
        }
        return values;
    }

    @Test
    void everyProofIsByteForByteTheFullTriesProof() {
        // sizes across the key lengths of RLP(i) (1, 2, 3 bytes) and values short enough to be embedded
        int[][] cases = {{1, 100, 100}, {2, 1, 40}, {17, 100, 100}, {129, 1, 200}, {300, 1, 5}, {1_200, 90, 110}};
        for (int[] c : cases) {
            List<byte[]> values = values(c[0], c[1], c[2], c[0]);
            OrderedTrieProver prover = OrderedTrieProver.of(values);
            assertThat(prover.root()).isEqualTo(MerklePatriciaTrie.orderedRoot(values));
            assertThat(prover.size()).isEqualTo(values.size());
            for (int i = 0; i < values.size(); i++) {
                List<byte[]> expected = MerklePatriciaTrie.orderedProof(values, i);
                List<byte[]> proof = prover.prove(i, values.get(i).clone());
                assertThat(proof).as("n=%d index %d", c[0], i).hasSameSizeAs(expected);
                for (int k = 0; k < proof.size(); k++) {
                    assertThat(proof.get(k)).isEqualTo(expected.get(k));
                }
            }
        }
    }

    @Test
    void itHoldsFarLessThanTheValues() {
        List<byte[]> values = values(10_000, 100, 100, 3);
        assertThat(OrderedTrieProver.of(values).heldBytes()).isLessThan(10_000L * 100 / 2);
    }

    @Test
    void aWrongValueOrIndexIsRefused() {
        List<byte[]> values = values(50, 100, 100, 5);
        OrderedTrieProver prover = OrderedTrieProver.of(values);
        assertThatThrownBy(() -> prover.prove(3, values.get(4))).isInstanceOf(MissingNodeException.class);
        assertThatThrownBy(() -> prover.prove(50, values.get(0))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> prover.prove(-1, values.get(0))).isInstanceOf(IllegalArgumentException.class);
    }
}
