package io.diseq.bench;

import io.diseq.core.rlp.Rlp;
import io.diseq.core.trie.InMemoryNodeStore;
import io.diseq.core.trie.MerklePatriciaTrie;
import io.diseq.core.trie.ProofResult;
import io.diseq.core.trie.TrieCommit;
import io.diseq.core.trie.TrieProofs;
import io.diseq.core.util.Bytes;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The state trie's shape: uniformly random 32-byte keys (message ids) with small values
 * (RLP([height, index])), one million keys committed to an in-memory store once per trial. The
 * trie is then reopened at its root, so every operation loads nodes from the store as the node
 * does from PostgreSQL (minus the I/O).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx6g"})
public class TrieBench {
    static final int TRIE_KEYS = 1_000_000;
    static final int BATCH = 10_000;
    static final int PROOFS = 4_096;

    private InMemoryNodeStore store;
    private Bytes root;
    private byte[][] keys;
    private SplittableRandom random;
    private List<List<byte[]>> proofs;
    private int next;

    @Setup(Level.Trial)
    public void buildMillionKeyTrie() {
        random = new SplittableRandom(7);
        store = new InMemoryNodeStore();
        MerklePatriciaTrie trie = MerklePatriciaTrie.open(store, MerklePatriciaTrie.EMPTY_ROOT);
        keys = new byte[TRIE_KEYS][];
        for (int i = 0; i < TRIE_KEYS; i++) {
            keys[i] = randomKey();
            trie.put(keys[i], value(i / 1000, i % 1000));
        }
        TrieCommit commit = trie.commit();
        store.apply(commit);
        root = commit.root();
        proofs = new ArrayList<>(PROOFS);
        MerklePatriciaTrie reopened = MerklePatriciaTrie.open(store, root);
        for (int i = 0; i < PROOFS; i++) {
            proofs.add(reopened.prove(keys[i]));
        }
    }

    private byte[] randomKey() {
        byte[] key = new byte[32];
        random.nextBytes(key);
        return key;
    }

    private static byte[] value(long height, long index) {
        return Rlp.encodeList(Rlp.encodeLong(height), Rlp.encodeLong(index));
    }

    /** 10,000 new random keys into the (growing) trie, then commit and store: score is inserts/s. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public Bytes insertBatchAndCommit() {
        MerklePatriciaTrie trie = MerklePatriciaTrie.open(store, root);
        for (int i = 0; i < BATCH; i++) {
            trie.put(randomKey(), value(1_000_000, i));
        }
        TrieCommit commit = trie.commit();
        store.apply(commit);
        root = commit.root();
        return root;
    }

    /** A proof of a random present key, loading the path from the store. */
    @Benchmark
    public List<byte[]> prove() {
        MerklePatriciaTrie trie = MerklePatriciaTrie.open(store, root);
        return trie.prove(keys[random.nextInt(TRIE_KEYS)]);
    }

    /** Verification of a precomputed proof against the root. */
    @Benchmark
    public ProofResult verify() {
        int i = next++ & (PROOFS - 1);
        return TrieProofs.verify(root, keys[i], proofs.get(i));
    }
}
