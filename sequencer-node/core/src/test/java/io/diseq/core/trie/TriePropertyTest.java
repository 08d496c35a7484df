package io.diseq.core.trie;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.diseq.core.crypto.Keccak256;
import io.diseq.core.util.Bytes;
import io.diseq.core.util.Hex;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Seeded properties of the trie against a sorted-map model. Two key shapes: short keys over a tiny
 * alphabet (shared prefixes, keys that are prefixes of others, embedded nodes) and 32-byte random
 * keys (the state trie's shape).
 */
@Tag("unit")
class TriePropertyTest {

    private static byte[] smallKey(Random random) {
        byte[] alphabet = {0x00, 0x01, 0x10, 0x11, (byte) 0xff};
        byte[] key = new byte[random.nextInt(5)];
        for (int i = 0; i < key.length; i++) {
            key[i] = alphabet[random.nextInt(alphabet.length)];
        }
        return key;
    }

    private static byte[] hashKey(Random random) {
        byte[] key = new byte[32];
        random.nextBytes(key);
        return key;
    }

    private static byte[] key(Random random, boolean small) {
        return small ? smallKey(random) : hashKey(random);
    }

    private static byte[] value(Random random) {
        byte[] value = new byte[1 + (random.nextInt(3) == 0 ? random.nextInt(80) : random.nextInt(4))];
        random.nextBytes(value);
        return value;
    }

    private static TreeMap<Bytes, byte[]> randomContent(Random random, boolean small, int n) {
        TreeMap<Bytes, byte[]> model = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            model.put(Bytes.of(key(random, small)), value(random));
        }
        return model;
    }

    private static MerklePatriciaTrie build(List<Map.Entry<Bytes, byte[]>> entries) {
        MerklePatriciaTrie trie = MerklePatriciaTrie.empty();
        for (Map.Entry<Bytes, byte[]> e : entries) {
            trie.put(e.getKey().toArray(), e.getValue());
        }
        return trie;
    }

    @ParameterizedTest(name = "small keys: {0}")
    @ValueSource(booleans = {true, false})
    void rootIsIndependentOfInsertionOrderAndOfDeletedHistory(boolean small) {
        Random random = new Random(small ? 11 : 12);
        for (int round = 0; round < 20; round++) {
            TreeMap<Bytes, byte[]> model = randomContent(random, small, 1 + random.nextInt(small ? 40 : 300));
            List<Map.Entry<Bytes, byte[]>> entries = new ArrayList<>(model.entrySet());
            Bytes sorted = build(entries).rootHash();
            Collections.shuffle(entries, random);
            assertThat(build(entries).rootHash()).isEqualTo(sorted);

            MerklePatriciaTrie churned = build(entries);
            for (int i = 0; i < 50; i++) {
                byte[] extra = key(random, small);
                if (!model.containsKey(Bytes.of(extra))) {
                    churned.put(extra, value(random));
                    churned.delete(extra);
                }
            }
            assertThat(churned.rootHash()).as("insert+delete of other keys leaves the canonical shape").isEqualTo(sorted);
        }
    }

    @ParameterizedTest(name = "small keys: {0}")
    @ValueSource(booleans = {true, false})
    void matchesAMapModelUnderRandomPutsAndDeletes(boolean small) {
        Random random = new Random(small ? 21 : 22);
        MerklePatriciaTrie trie = MerklePatriciaTrie.empty();
        TreeMap<Bytes, byte[]> model = new TreeMap<>();
        List<byte[]> known = new ArrayList<>();
        for (int step = 0; step < 3_000; step++) {
            byte[] key = !known.isEmpty() && random.nextBoolean() ? known.get(random.nextInt(known.size())) : key(random, small);
            known.add(key);
            if (random.nextInt(3) == 0) {
                trie.delete(key);
                model.remove(Bytes.of(key));
            } else {
                byte[] value = value(random);
                trie.put(key, value);
                model.put(Bytes.of(key), value);
            }
            if (step % 100 == 0) {
                assertThat(trie.rootHash()).isEqualTo(build(new ArrayList<>(model.entrySet())).rootHash());
            }
        }
        for (byte[] key : known) {
            assertThat(trie.get(key)).isEqualTo(model.get(Bytes.of(key)));
        }
        for (Bytes key : new ArrayList<>(model.keySet())) {
            trie.delete(key.toArray());
        }
        assertThat(trie.rootHash()).isEqualTo(MerklePatriciaTrie.EMPTY_ROOT);
    }

    @ParameterizedTest(name = "small keys: {0}")
    @ValueSource(booleans = {true, false})
    void presentKeysProvePresentAndAbsentKeysProveAbsent(boolean small) {
        Random random = new Random(small ? 31 : 32);
        TreeMap<Bytes, byte[]> model = randomContent(random, small, small ? 60 : 2_000);
        MerklePatriciaTrie trie = build(new ArrayList<>(model.entrySet()));
        Bytes root = trie.rootHash();
        for (Map.Entry<Bytes, byte[]> e : model.entrySet()) {
            List<byte[]> proof = trie.prove(e.getKey().toArray());
            assertThat(TrieProofs.verify(root, e.getKey().toArray(), proof)).isEqualTo(new ProofResult.Present(e.getValue()));
        }
        int absent = 0;
        for (int i = 0; i < 2_000; i++) {
            byte[] key = key(random, small);
            if (!model.containsKey(Bytes.of(key))) {
                assertThat(TrieProofs.verify(root, key, trie.prove(key))).isEqualTo(new ProofResult.Absent());
                absent++;
            }
        }
        assertThat(absent).isGreaterThan(100);
        assertThat(TrieProofs.verify(MerklePatriciaTrie.EMPTY_ROOT, new byte[] {1}, MerklePatriciaTrie.empty().prove(new byte[] {1})))
                .isEqualTo(new ProofResult.Absent());
    }

    /** The true answer for {@code key}: what a valid proof must say. */
    private static ProofResult truth(Map<Bytes, byte[]> model, byte[] key) {
        byte[] value = model.get(Bytes.of(key));
        return value == null ? new ProofResult.Absent() : new ProofResult.Present(value);
    }

    @ParameterizedTest(name = "small keys: {0}")
    @ValueSource(booleans = {true, false})
    void aProofForOneKeySaysNothingFalseAboutAnother(boolean small) {
        Random random = new Random(small ? 41 : 42);
        TreeMap<Bytes, byte[]> model = randomContent(random, small, small ? 60 : 1_000);
        MerklePatriciaTrie trie = build(new ArrayList<>(model.entrySet()));
        Bytes root = trie.rootHash();
        List<Bytes> keys = new ArrayList<>(model.keySet());
        int invalid = 0;
        int checks = 0;
        for (int i = 0; i < 3_000; i++) {
            byte[] a = random.nextBoolean() ? keys.get(random.nextInt(keys.size())).toArray() : key(random, small);
            byte[] b = random.nextBoolean() ? keys.get(random.nextInt(keys.size())).toArray() : key(random, small);
            if (Bytes.of(a).equals(Bytes.of(b))) {
                continue;
            }
            ProofResult result = TrieProofs.verify(root, b, trie.prove(a));
            checks++;
            if (result instanceof ProofResult.Invalid) {
                invalid++;
            } else {
                assertThat(result).as("never a false answer for the other key").isEqualTo(truth(model, b));
            }
        }
        assertThat(invalid).as("a proof for another key is almost always rejected").isGreaterThan(checks * 8 / 10);
    }

    @ParameterizedTest(name = "small keys: {0}")
    @ValueSource(booleans = {true, false})
    void tamperedProofsAreInvalid(boolean small) {
        Random random = new Random(small ? 51 : 52);
        TreeMap<Bytes, byte[]> model = randomContent(random, small, small ? 60 : 3_000);
        MerklePatriciaTrie trie = build(new ArrayList<>(model.entrySet()));
        Bytes root = trie.rootHash();
        List<Bytes> keys = new ArrayList<>(model.keySet());
        for (int i = 0; i < 12; i++) {
            byte[] key = i % 2 == 0 ? keys.get(random.nextInt(keys.size())).toArray() : key(random, small);
            List<byte[]> proof = trie.prove(key);
            assertThat(TrieProofs.verify(root, key, proof)).isEqualTo(truth(model, key));
            assertEveryByteFlipIsInvalid(root, key, proof);
            assertDroppedAndReorderedAreInvalid(root, key, proof);
            List<byte[]> extended = new ArrayList<>(proof);
            extended.add(proof.get(proof.size() - 1));
            assertThat(TrieProofs.verify(root, key, extended)).isInstanceOf(ProofResult.Invalid.class);
        }
    }

    private static void assertEveryByteFlipIsInvalid(Bytes root, byte[] key, List<byte[]> proof) {
        for (int n = 0; n < proof.size(); n++) {
            for (int b = 0; b < proof.get(n).length; b++) {
                List<byte[]> tampered = new ArrayList<>(proof);
                byte[] node = proof.get(n).clone();
                node[b] ^= (byte) (1 << (b % 8));
                tampered.set(n, node);
                assertThat(TrieProofs.verify(root, key, tampered)).isInstanceOf(ProofResult.Invalid.class);
            }
        }
    }

    private static void assertDroppedAndReorderedAreInvalid(Bytes root, byte[] key, List<byte[]> proof) {
        for (int n = 0; n < proof.size(); n++) {
            List<byte[]> dropped = new ArrayList<>(proof);
            dropped.remove(n);
            assertThat(TrieProofs.verify(root, key, dropped)).isInstanceOf(ProofResult.Invalid.class);
            for (int m = n + 1; m < proof.size(); m++) {
                List<byte[]> swapped = new ArrayList<>(proof);
                Collections.swap(swapped, n, m);
                assertThat(TrieProofs.verify(root, key, swapped)).isInstanceOf(ProofResult.Invalid.class);
            }
        }
    }

    @ParameterizedTest(name = "small keys: {0}")
    @ValueSource(booleans = {true, false})
    void commitThenReopenReadsEverythingBackAndCommitsOnlyNewNodes(boolean small) {
        Random random = new Random(small ? 61 : 62);
        InMemoryNodeStore store = new InMemoryNodeStore();
        MerklePatriciaTrie trie = MerklePatriciaTrie.open(store, MerklePatriciaTrie.EMPTY_ROOT);
        TreeMap<Bytes, byte[]> model = new TreeMap<>();
        Set<Bytes> committedBefore = new HashSet<>();
        for (int batch = 0; batch < 8; batch++) {
            boolean insertOnly = !small; // deletes can legitimately recreate an earlier node
            applyRandomBatch(trie, model, random, small, insertOnly);
            Bytes expectedRoot = trie.rootHash();
            TrieCommit commit = trie.commit();
            assertThat(commit.root()).isEqualTo(expectedRoot);
            assertThat(commit.newNodes()).containsKey(expectedRoot);
            if (!small && insertOnly) {
                // with inserts of fresh keys every changed node has new content: nothing stored comes back
                Set<Bytes> overlap = new HashSet<>(commit.newNodes().keySet());
                overlap.retainAll(committedBefore);
                assertThat(overlap).isEmpty();
            }
            store.apply(commit);
            committedBefore.addAll(commit.newNodes().keySet());
            assertThat(trie.commit().newNodes()).as("an unchanged trie commits nothing").isEmpty();
            assertReachableNodesAreStored(store, commit.root());

            MerklePatriciaTrie reopened = MerklePatriciaTrie.open(store, commit.root());
            assertThat(reopened.rootHash()).isEqualTo(commit.root());
            for (Map.Entry<Bytes, byte[]> e : model.entrySet()) {
                assertThat(reopened.get(e.getKey().toArray())).isEqualTo(e.getValue());
                assertThat(trie.get(e.getKey().toArray())).isEqualTo(e.getValue());
                assertThat(TrieProofs.verify(commit.root(), e.getKey().toArray(), reopened.prove(e.getKey().toArray())))
                        .isEqualTo(new ProofResult.Present(e.getValue()));
            }
            assertThat(commit.root()).isEqualTo(build(new ArrayList<>(model.entrySet())).rootHash());
        }
    }

    @ParameterizedTest(name = "small keys: {0}")
    @ValueSource(booleans = {true, false})
    void updatingOneKeyCommitsExactlyTheNodesOnItsPath(boolean small) {
        Random random = new Random(small ? 81 : 82);
        InMemoryNodeStore store = new InMemoryNodeStore();
        MerklePatriciaTrie trie = MerklePatriciaTrie.open(store, MerklePatriciaTrie.EMPTY_ROOT);
        TreeMap<Bytes, byte[]> model = randomContent(random, small, small ? 60 : 5_000);
        model.forEach((k, v) -> trie.put(k.toArray(), v));
        store.apply(trie.commit());
        for (Bytes key : List.of(model.firstKey(), model.lastKey())) {
            byte[] newValue = new byte[40];
            random.nextBytes(newValue);
            trie.put(key.toArray(), newValue);
            trie.put(key.toArray(), newValue);
            TrieCommit commit = trie.commit();
            store.apply(commit);
            Set<Bytes> pathNodes = new HashSet<>();
            for (byte[] node : trie.prove(key.toArray())) {
                pathNodes.add(Bytes.wrap(Keccak256.hash(node)));
            }
            assertThat(commit.newNodes().keySet()).isEqualTo(pathNodes);
        }
    }

    @ParameterizedTest(name = "small keys: {0}")
    @ValueSource(booleans = {true, false})
    void readsKeepLoadedNodesWithoutChangingWhatAWriteCommits(boolean small) {
        Random random = new Random(small ? 91 : 92);
        TreeMap<Bytes, byte[]> model = randomContent(random, small, small ? 60 : 3_000);
        InMemoryNodeStore full = new InMemoryNodeStore();
        MerklePatriciaTrie initial = MerklePatriciaTrie.open(full, MerklePatriciaTrie.EMPTY_ROOT);
        model.forEach((k, v) -> initial.put(k.toArray(), v));
        TrieCommit first = initial.commit();
        full.apply(first);
        Bytes root = first.root();
        for (int round = 0; round < 5; round++) {
            List<byte[]> probes = new ArrayList<>();
            List<Bytes> keys = new ArrayList<>(model.keySet());
            for (int i = 0; i < (small ? 30 : 400); i++) {
                probes.add(random.nextBoolean() ? keys.get(random.nextInt(keys.size())).toArray() : key(random, small));
            }
            int[] loads = new int[1];
            NodeStore counting = hash -> {
                loads[0]++;
                return full.get(hash);
            };
            MerklePatriciaTrie reader = MerklePatriciaTrie.open(counting, root);
            for (byte[] probe : probes) {
                byte[] expected = model.get(Bytes.of(probe));
                assertThat(reader.get(probe)).isEqualTo(expected);
            }
            int firstPass = loads[0];
            for (byte[] probe : probes) {
                assertThat(reader.get(probe)).isEqualTo(model.get(Bytes.of(probe)));
            }
            assertThat(loads[0]).as("a second pass over the same keys loads nothing").isEqualTo(firstPass);

            // the same writes after the reads, and on a trie that read nothing, commit the same nodes
            MerklePatriciaTrie fresh = MerklePatriciaTrie.open(full, root);
            long writeSeed = random.nextLong();
            Map<Bytes, byte[]> modelCopy = new TreeMap<>(model);
            applyRandomBatch(reader, model, new Random(writeSeed), small, false);
            applyRandomBatch(fresh, modelCopy, new Random(writeSeed), small, false);
            TrieCommit afterReads = reader.commit();
            TrieCommit withoutReads = fresh.commit();
            assertThat(afterReads.root()).isEqualTo(withoutReads.root());
            assertThat(afterReads.newNodes().keySet()).isEqualTo(withoutReads.newNodes().keySet());
            full.apply(afterReads);
            root = afterReads.root();
            assertThat(root).isEqualTo(build(new ArrayList<>(model.entrySet())).rootHash());
        }
    }

    @Test
    void anInMemoryTrieStaysReadableAfterCommits() {
        MerklePatriciaTrie trie = MerklePatriciaTrie.empty();
        TreeMap<Bytes, byte[]> model = randomContent(new Random(92), true, 40);
        model.forEach((k, v) -> trie.put(k.toArray(), v));
        Bytes root = trie.commit().root();
        trie.put(new byte[] {0x42}, new byte[] {1});
        trie.commit();
        trie.delete(new byte[] {0x42});
        assertThat(trie.commit().root()).isEqualTo(root);
        model.forEach((k, v) -> assertThat(trie.get(k.toArray())).isEqualTo(v));
        assertThat(TrieProofs.verify(root, model.firstKey().toArray(), trie.prove(model.firstKey().toArray())))
                .isEqualTo(new ProofResult.Present(model.firstEntry().getValue()));
    }

    @Test
    void rewritingTheSameValuesCommitsNothingAndEmptyingCommitsTheEmptyRoot() {
        InMemoryNodeStore store = new InMemoryNodeStore();
        MerklePatriciaTrie trie = MerklePatriciaTrie.open(store, MerklePatriciaTrie.EMPTY_ROOT);
        assertThat(trie.commit()).isEqualTo(new TrieCommit(MerklePatriciaTrie.EMPTY_ROOT, Map.of()));
        TreeMap<Bytes, byte[]> model = randomContent(new Random(91), false, 300);
        model.forEach((k, v) -> trie.put(k.toArray(), v));
        TrieCommit first = trie.commit();
        store.apply(first);
        model.forEach((k, v) -> trie.put(k.toArray(), v));
        trie.delete(new byte[32]);
        assertThat(trie.commit()).isEqualTo(new TrieCommit(first.root(), Map.of()));

        model.keySet().forEach(k -> trie.delete(k.toArray()));
        TrieCommit emptied = trie.commit();
        assertThat(emptied.root()).isEqualTo(MerklePatriciaTrie.EMPTY_ROOT);
        assertThat(emptied.newNodes()).containsOnlyKeys(MerklePatriciaTrie.EMPTY_ROOT);
        assertThat(emptied.newNodes().get(MerklePatriciaTrie.EMPTY_ROOT)).containsExactly(0x80);
        store.apply(emptied);
        assertThat(MerklePatriciaTrie.open(store, emptied.root()).get(model.firstKey().toArray())).isNull();
        assertThat(MerklePatriciaTrie.open(store, first.root()).get(model.firstKey().toArray()))
                .as("old roots stay readable").isEqualTo(model.firstEntry().getValue());
    }

    @Test
    void commitsAreUnmodifiableAndCopyACallersMap() {
        MerklePatriciaTrie trie = MerklePatriciaTrie.open(new InMemoryNodeStore(), MerklePatriciaTrie.EMPTY_ROOT);
        randomContent(new Random(93), false, 50).forEach((k, v) -> trie.put(k.toArray(), v));
        TrieCommit commit = trie.commit();
        assertThatThrownBy(() -> commit.newNodes().put(commit.root(), new byte[] {1}))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> commit.newNodes().keySet().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThat(new TrieCommit(commit.root(), commit.newNodes())).isEqualTo(commit);

        Map<Bytes, byte[]> callers = new HashMap<>(commit.newNodes());
        TrieCommit copied = new TrieCommit(commit.root(), callers);
        callers.clear();
        assertThat(copied.newNodes()).hasSameSizeAs(commit.newNodes()).isEqualTo(commit.newNodes());
    }

    private static void applyRandomBatch(MerklePatriciaTrie trie, Map<Bytes, byte[]> model, Random random, boolean small, boolean insertOnly) {
        List<Bytes> keys = new ArrayList<>(model.keySet());
        for (int i = 0; i < (small ? 20 : 200); i++) {
            if (!insertOnly && !keys.isEmpty() && random.nextInt(4) == 0) {
                Bytes key = keys.get(random.nextInt(keys.size()));
                trie.delete(key.toArray());
                model.remove(key);
            } else {
                byte[] key = key(random, small);
                byte[] value = value(random);
                trie.put(key, value);
                model.put(Bytes.of(key), value);
            }
        }
    }

    /** Walks every hashed node reachable from the root through the store alone. */
    private static void assertReachableNodesAreStored(InMemoryNodeStore store, Bytes root) {
        if (root.equals(MerklePatriciaTrie.EMPTY_ROOT)) {
            return;
        }
        List<Node> pending = new ArrayList<>(List.of(new HashNode(root.toArray())));
        NodeLoader loader = new NodeLoader(store);
        int loaded = 0;
        while (!pending.isEmpty()) {
            Node node = loader.resolve(pending.remove(pending.size() - 1)); // throws if a node is missing
            loaded += node.persisted ? 1 : 0;
            if (node instanceof ExtensionNode ext) {
                pending.add(ext.child());
            } else if (node instanceof BranchNode branch) {
                for (int i = 0; i < BranchNode.WIDTH; i++) {
                    if (branch.hasChild(i)) {
                        pending.add(branch.child(i));
                    }
                }
            }
        }
        assertThat(loaded).isPositive();
    }

    @ParameterizedTest(name = "small keys: {0}")
    @ValueSource(booleans = {true, false})
    void aMissingStoredNodeIsATypedError(boolean small) {
        Random random = new Random(small ? 71 : 72);
        MerklePatriciaTrie trie = MerklePatriciaTrie.empty();
        TreeMap<Bytes, byte[]> model = randomContent(random, small, 50);
        model.forEach((k, v) -> trie.put(k.toArray(), v));
        TrieCommit commit = trie.commit();
        InMemoryNodeStore partial = new InMemoryNodeStore();
        Map<Bytes, byte[]> withoutRoot = new HashMap<>(commit.newNodes());
        withoutRoot.remove(commit.root());
        partial.putAll(withoutRoot);
        byte[] key = model.firstKey().toArray();
        assertThatThrownBy(() -> MerklePatriciaTrie.open(partial, commit.root()).get(key))
                .isInstanceOfSatisfying(MissingNodeException.class, e -> assertThat(e.hash()).isEqualTo(commit.root()));
        InMemoryNodeStore corrupt = new InMemoryNodeStore();
        for (String garbage : List.of("", "c0", "c3808080", "f90000", "c2c1", "c3c2c0c0")) {
            corrupt.putAll(Map.of(commit.root(), Hex.decode(garbage)));
            assertThatThrownBy(() -> MerklePatriciaTrie.open(corrupt, commit.root()).get(key))
                    .as(garbage).isInstanceOf(IllegalStateException.class).hasMessageContaining("corrupt trie node");
        }
    }
}
