package io.diseq.core.trie;

import static org.assertj.core.api.Assertions.assertThat;

import io.diseq.core.util.Bytes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A commit's node map is a proper map even though the trie appends identical subtrees' nodes once
 * per occurrence, and a store fed straight from the batch ends up with the same nodes.
 */
@Tag("unit")
class NodeBatchTest {

    /** Keys that differ only in their first nibble, with equal values: the leaves below the root branch are identical. */
    private static MerklePatriciaTrie trieWithIdenticalSubtrees() {
        MerklePatriciaTrie trie = MerklePatriciaTrie.open(new InMemoryNodeStore(), MerklePatriciaTrie.EMPTY_ROOT);
        for (int first = 0; first < 16; first++) {
            byte[] key = new byte[32];
            key[0] = (byte) (first << 4);
            key[31] = 7;
            trie.put(key, new byte[40]);
        }
        return trie;
    }

    @Test
    void identicalSubtreesAppearOnceInTheMapView() {
        TrieCommit commit = trieWithIdenticalSubtrees().commit();
        Map<Bytes, byte[]> nodes = commit.newNodes();
        List<Bytes> iterated = new ArrayList<>();
        nodes.forEach((hash, rlp) -> iterated.add(hash));
        assertThat(new HashSet<>(iterated)).hasSameSizeAs(iterated);
        assertThat(nodes).hasSize(2); // the root branch and one leaf shared by its 16 children
        assertThat(nodes).containsKey(commit.root());
        assertThat(new HashMap<>(nodes)).isEqualTo(nodes);
        for (Bytes hash : iterated) {
            assertThat(nodes.get(hash)).isNotNull();
        }
        assertThat(nodes.get(Bytes.wrap(new byte[32]))).isNull();
        assertThat(nodes.get("not a hash")).isNull();
    }

    @Test
    void aStoreFedStraightFromTheBatchHoldsTheSameNodes() {
        TrieCommit commit = trieWithIdenticalSubtrees().commit();
        InMemoryNodeStore fed = new InMemoryNodeStore();
        fed.apply(commit); // before the map view is used: the batch still holds the repeated leaf
        InMemoryNodeStore copied = new InMemoryNodeStore();
        copied.apply(new TrieCommit(commit.root(), new HashMap<>(commit.newNodes())));
        assertThat(fed.size()).isEqualTo(copied.size()).isEqualTo(commit.newNodes().size());
        commit.newNodes().forEach((hash, rlp) -> assertThat(fed.get(hash)).isEqualTo(rlp));
        assertThat(MerklePatriciaTrie.open(fed, commit.root()).rootHash()).isEqualTo(commit.root());
    }
}
