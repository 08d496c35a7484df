package io.diseq.bench;

import io.diseq.core.chain.BlockContent;
import io.diseq.core.chain.BlockHeader;
import io.diseq.core.chain.ChainConfig;
import io.diseq.core.chain.ChainTip;
import io.diseq.core.chain.ContentRule;
import io.diseq.core.chain.Genesis;
import io.diseq.core.chain.InputLog;
import io.diseq.core.chain.PartitionRange;
import io.diseq.core.consensus.TestChains;
import io.diseq.core.consensus.TestInputLog;
import io.diseq.core.trie.NodeStore;
import io.diseq.core.util.Bytes;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The consensus thread's per-block content walk (docs/protocol.md §7.11) on a large state trie, in CPU
 * time of the benchmark thread: the proposer's {@link ContentRule#assemble} and a validator's
 * {@link ContentRule#recompute} of a block of {@code block} fresh 100-byte messages over a state trie that
 * already holds {@code messages} ids. These walks look up every id in the state trie (a message already
 * sequenced is skipped), insert the new ones and hash the changed nodes; in the harness's profile they were
 * most of a validator's consensus thread.
 *
 * <p>The trie's nodes are read through one access-ordered {@link LinkedHashMap} holding all of them, as the
 * runtime's trie cache serves them when warm (no PostgreSQL: that is the harness's figure). With
 * {@code --cache-mib N} the walks read through an LRU view of at most N MiB instead, counted as the runtime's
 * trie cache counts (node bytes plus 96 per entry): a walk that meets nodes missing from it reports them, the
 * bench copies them in from the full store and walks again, as the runtime does after its trie loader ran
 * (the figure then includes those repeated walks, not the loading). Each round
 * appends a block, walks it as proposer and as validator (each on a fresh trie over the same store, as
 * the runtime does), checks that both produce the same roots, and applies the block's new nodes.
 *
 * <pre>java -Xmx6g -cp sequencer-node/benchmarks/target/benchmarks.jar io.diseq.bench.BlockWalkBench \
 *     [--messages 1000000] [--block 10000] [--rounds 20] [--warm-up 5] [--cache-mib 64] [--keep-view true]</pre>
 *
 * <p>{@code --keep-view false} opens a new trie for every walk, as the core did before it kept one per height.
 */
public final class BlockWalkBench {
    private static final int PARTITIONS = 4;
    private static final int MESSAGE_BYTES = 100;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private BlockWalkBench() {}

    public static void main(String[] args) {
        Map<String, String> opts = BenchArgs.options(args);
        int messages = Integer.parseInt(opts.getOrDefault("messages", "1000000"));
        int block = Integer.parseInt(opts.getOrDefault("block", "10000"));
        int rounds = Integer.parseInt(opts.getOrDefault("rounds", "20"));
        int warmUp = Integer.parseInt(opts.getOrDefault("warm-up", "5"));
        long cacheBytes = Long.parseLong(opts.getOrDefault("cache-mib", "0")) << 20;
        boolean keepView = Boolean.parseBoolean(opts.getOrDefault("keep-view", "true"));
        ChainConfig chain = new ChainConfig("walk-bench", TestChains.validators(4), TestChains.GENESIS_TIME_MS,
                TestChains.TIMEOUTS, block, 1L << 30, 5_000, 0);
        AccessOrderedStore store = new AccessOrderedStore();
        TestInputLog log = new TestInputLog(PARTITIONS);
        SplittableRandom random = new SplittableRandom(2026_12_07);
        ChainTip tip = Genesis.tip(chain);
        long start = System.nanoTime();
        while (tip.height() * (long) block < messages) {
            append(log, random, block);
            BlockContent content = ContentRule.assemble(chain, tip, tip.height() + 1, log, store);
            tip = advance(chain, tip, store, content);
        }
        System.out.printf("state trie of %,d ids (%,d nodes) built in %.0f s; load average %s%n",
                tip.height() * (long) block, store.nodes.size(), (System.nanoTime() - start) / 1e9, BenchArgs.loadAverage());
        CachedView view = new CachedView(store, cacheBytes);
        long walks = 0;
        double[] assemble = new double[rounds];
        double[] recompute = new double[rounds];
        for (int round = -warmUp; round < rounds; round++) {
            append(log, random, block);
            long height = tip.height() + 1;
            long t0 = THREADS.getCurrentThreadCpuTime();
            Walker proposer = walker(keepView, chain, tip, log, view);
            ContentRule.Outcome assembled;
            while ((assembled = proposer.assemble(height)) instanceof ContentRule.Outcome.MissingNodes m) {
                view.load(m.hashes());
                walks += round >= 0 ? 1 : 0;
            }
            BlockContent proposed = ((ContentRule.Outcome.Available) assembled).content();
            long t1 = THREADS.getCurrentThreadCpuTime();
            Walker validator = walker(keepView, chain, tip, log, view);
            ContentRule.Outcome checked;
            while ((checked = validator.recompute(height, proposed.ranges())) instanceof ContentRule.Outcome.MissingNodes m) {
                view.load(m.hashes());
                walks += round >= 0 ? 1 : 0;
            }
            long t2 = THREADS.getCurrentThreadCpuTime();
            BlockContent verified = ((ContentRule.Outcome.Available) checked).content();
            if (!verified.stateRoot().equals(proposed.stateRoot()) || !verified.messagesRoot().equals(proposed.messagesRoot())
                    || verified.messages().size() != block) {
                throw new IllegalStateException("the validator's walk disagrees with the proposer's at height " + height);
            }
            if (round >= 0) {
                assemble[round] = (t1 - t0) / 1e3 / block;
                recompute[round] = (t2 - t1) / 1e3 / block;
            }
            tip = advance(chain, tip, store, proposed);
            view.load(proposed.stateCommit().newNodes().keySet());
        }
        System.out.printf("walks that stopped at nodes missing from the cache: %.2f per block and walk%n",
                walks / 2.0 / rounds);
        System.out.printf("blocks of %,d messages, %d rounds after %d warm-up, CPU µs per message: assemble median %.2f"
                        + " (min %.2f, max %.2f), recompute median %.2f (min %.2f, max %.2f); load average %s%n",
                block, rounds, warmUp, median(assemble), min(assemble), max(assemble), median(recompute), min(recompute),
                max(recompute), BenchArgs.loadAverage());
    }

    /**
     * One validator's walks of a height: with {@code keepView} through one state trie kept open for the height
     * (as the core does, {@code KeptViewWalker}, loaded by name so that this class also builds against a core
     * without that API, for before/after runs), otherwise through a trie opened for every walk.
     */
    static Walker walker(boolean keepView, ChainConfig chain, ChainTip tip, InputLog log, NodeStore store) {
        if (!keepView) {
            return new Walker() {
                @Override
                public ContentRule.Outcome assemble(long height) {
                    return ContentRule.assembleOrMissing(chain, tip, height, log, store);
                }

                @Override
                public ContentRule.Outcome recompute(long height, List<PartitionRange> ranges) {
                    return ContentRule.recompute(chain, tip, height, ranges, log, store);
                }
            };
        }
        try {
            return (Walker) Class.forName("io.diseq.bench.KeptViewWalker")
                    .getDeclaredConstructor(ChainConfig.class, ChainTip.class, InputLog.class, NodeStore.class)
                    .newInstance(chain, tip, log, store);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("this build has no kept state view; run with --keep-view false", e);
        }
    }

    /** A validator's content walks at one height. */
    interface Walker {
        ContentRule.Outcome assemble(long height);

        ContentRule.Outcome recompute(long height, List<PartitionRange> ranges);
    }

    private static void append(TestInputLog log, SplittableRandom random, int count) {
        for (int i = 0; i < count; i++) {
            byte[] body = new byte[MESSAGE_BYTES];
            random.nextBytes(body);
            log.append(i % PARTITIONS, body);
        }
    }

    private static ChainTip advance(ChainConfig chain, ChainTip tip, AccessOrderedStore store, BlockContent content) {
        store.nodes.putAll(content.stateCommit().newNodes());
        long height = tip.height() + 1;
        BlockHeader header = new BlockHeader(chain.chainId(), height, 0, tip.blockId(), tip.header().timestampMs() + 1,
                0, 0, Bytes.wrap(new byte[80]), content.ranges(), content.messages().size(), content.messagesRoot(),
                content.stateRoot(), chain.validators().hash());
        return tip.advance(header);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static double min(double[] values) {
        return Arrays.stream(values).min().orElse(Double.NaN);
    }

    private static double max(double[] values) {
        return Arrays.stream(values).max().orElse(Double.NaN);
    }

    /** An LRU view of the full store bounded in bytes (0: the full store itself), filled only by {@link #load}. */
    private static final class CachedView implements NodeStore {
        private static final int ENTRY_OVERHEAD_BYTES = 96;
        private final AccessOrderedStore full;
        private final long maxBytes;
        private final LinkedHashMap<Bytes, byte[]> lru = new LinkedHashMap<>(1 << 16, 0.75f, true);
        private long bytes;

        CachedView(AccessOrderedStore full, long maxBytes) {
            this.full = full;
            this.maxBytes = maxBytes;
        }

        @Override
        public byte[] get(Bytes hash) {
            return maxBytes == 0 ? full.get(hash) : lru.get(hash);
        }

        void load(java.util.Collection<Bytes> hashes) {
            if (maxBytes == 0) {
                return;
            }
            for (Bytes hash : hashes) {
                byte[] node = full.nodes.get(hash);
                if (node != null && lru.put(hash, node) == null) {
                    bytes += node.length + ENTRY_OVERHEAD_BYTES;
                }
            }
            var it = lru.entrySet().iterator();
            while (bytes > maxBytes && it.hasNext()) {
                bytes -= it.next().getValue().length + ENTRY_OVERHEAD_BYTES;
                it.remove();
            }
        }
    }

    /** Every node in one access-ordered map, as the runtime's warm trie cache holds them. */
    private static final class AccessOrderedStore implements NodeStore {
        final LinkedHashMap<Bytes, byte[]> nodes = new LinkedHashMap<>(1 << 20, 0.75f, true);

        @Override
        public byte[] get(Bytes hash) {
            return nodes.get(hash);
        }
    }
}
