package io.diseq.bench;

import io.diseq.core.rlp.Rlp;
import io.diseq.core.trie.InMemoryNodeStore;
import io.diseq.core.trie.MerklePatriciaTrie;
import io.diseq.core.trie.ProofResult;
import io.diseq.core.trie.TrieCommit;
import io.diseq.core.trie.TrieProofs;
import io.diseq.core.util.Bytes;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The {@link TrieBench} workloads measured in CPU time of the benchmark thread (plus GC time)
 * instead of wall-clock time. On the shared 2-vCPU build machine, where other builds keep the
 * load average far above 2, wall-clock JMH scores mostly measure how often the thread was
 * descheduled; operations per CPU-second is the figure that compares with the targets. Run with
 * {@code java -Xmx6g -cp sequencer-node/benchmarks/target/benchmarks.jar io.diseq.bench.TrieCpuTime}.
 */
public final class TrieCpuTime {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final int PROOFS = 20_000;

    private TrieCpuTime() {}

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        SplittableRandom random = new SplittableRandom(7);
        InMemoryNodeStore store = new InMemoryNodeStore();
        byte[][] keys = new byte[TrieBench.TRIE_KEYS][];
        MerklePatriciaTrie trie = MerklePatriciaTrie.open(store, MerklePatriciaTrie.EMPTY_ROOT);
        for (int i = 0; i < keys.length; i++) {
            keys[i] = key(random);
            trie.put(keys[i], value(i / 1000, i % 1000));
        }
        TrieCommit built = trie.commit();
        store.apply(built);
        Bytes root = built.root();
        System.out.printf("1M-key trie: %d stored nodes%n", store.size());
        double[][] rates = new double[5][rounds];
        for (int round = 0; round < rounds; round++) {
            root = measureRound(store, root, keys, random, round, rates);
        }
        System.out.printf("median:   insert+commit %,9.0f/s   prove %,9.0f/s   verify %,9.0f/s   (per CPU-second)"
                + "   without GC: insert+commit %,9.0f/s   prove %,9.0f/s%n",
                median(rates[0]), median(rates[1]), median(rates[2]), median(rates[3]), median(rates[4]));
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static Bytes measureRound(InMemoryNodeStore store, Bytes root, byte[][] keys, SplittableRandom random, int round,
            double[][] rates) {
        long start = cpuNanos();
        long threadStart = THREADS.getCurrentThreadCpuTime();
        MerklePatriciaTrie trie = MerklePatriciaTrie.open(store, root);
        for (int i = 0; i < TrieBench.BATCH; i++) {
            trie.put(key(random), value(2_000_000 + round, i));
        }
        TrieCommit commit = trie.commit();
        store.apply(commit);
        long threadInserted = THREADS.getCurrentThreadCpuTime();
        long inserted = cpuNanos();

        MerklePatriciaTrie reader = MerklePatriciaTrie.open(store, commit.root());
        List<List<byte[]>> proofs = new ArrayList<>(PROOFS);
        int offset = random.nextInt(keys.length - PROOFS);
        for (int i = 0; i < PROOFS; i++) {
            proofs.add(reader.prove(keys[offset + i]));
        }
        long threadProved = THREADS.getCurrentThreadCpuTime();
        long proved = cpuNanos();
        int present = 0;
        for (int i = 0; i < PROOFS; i++) {
            present += TrieProofs.verify(commit.root(), keys[offset + i], proofs.get(i)) instanceof ProofResult.Present ? 1 : 0;
        }
        long verified = cpuNanos();
        if (present != PROOFS) {
            throw new IllegalStateException("a proof failed to verify");
        }
        rates[0][round] = perSecond(TrieBench.BATCH, inserted - start);
        rates[1][round] = perSecond(PROOFS, proved - inserted);
        rates[2][round] = perSecond(PROOFS, verified - proved);
        rates[3][round] = perSecond(TrieBench.BATCH, threadInserted - threadStart);
        rates[4][round] = perSecond(PROOFS, threadProved - threadInserted);
        System.out.printf("round %2d: insert+commit %,9.0f/s   prove %,9.0f/s   verify %,9.0f/s   (per CPU-second)"
                + "   without GC: insert+commit %,9.0f/s   prove %,9.0f/s%n",
                round, rates[0][round], rates[1][round], rates[2][round], rates[3][round], rates[4][round]);
        return commit.root();
    }

    private static double perSecond(int ops, long nanos) {
        return ops / (nanos / 1e9);
    }

    /** CPU time of this thread plus the time spent in garbage collection, in nanoseconds. */
    private static long cpuNanos() {
        long gcMillis = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            gcMillis += Math.max(0, gc.getCollectionTime());
        }
        return THREADS.getCurrentThreadCpuTime() + gcMillis * 1_000_000;
    }

    private static byte[] key(SplittableRandom random) {
        byte[] key = new byte[32];
        random.nextBytes(key);
        return key;
    }

    private static byte[] value(long height, long index) {
        return Rlp.encodeList(Rlp.encodeLong(height), Rlp.encodeLong(index));
    }
}
