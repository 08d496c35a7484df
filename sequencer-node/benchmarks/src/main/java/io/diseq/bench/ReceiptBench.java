package io.diseq.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.diseq.client.ReceiptVerifier;
import io.diseq.core.chain.BlockContent;
import io.diseq.core.chain.BlockHeader;
import io.diseq.core.chain.ChainConfig;
import io.diseq.core.chain.ChainTip;
import io.diseq.core.chain.CommitSignature;
import io.diseq.core.chain.DecidedBlock;
import io.diseq.core.chain.Genesis;
import io.diseq.core.chain.QuorumCertificate;
import io.diseq.core.chain.SignBytes;
import io.diseq.core.chain.ContentRule;
import io.diseq.core.consensus.FastTestCrypto;
import io.diseq.core.consensus.TestChains;
import io.diseq.core.consensus.TestInputLog;
import io.diseq.core.trie.InMemoryNodeStore;
import io.diseq.core.util.Bytes;
import io.diseq.node.api.ChainQueries;
import io.diseq.node.api.Views;
import io.diseq.node.store.BlockStore;
import io.diseq.node.store.BlockWrite;
import io.diseq.node.store.NodeDatabase;
import io.diseq.node.store.PostgresNodeStore;
import io.diseq.node.store.StoreOutcome;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.apache.tomcat.jdbc.pool.DataSource;
import org.apache.tomcat.jdbc.pool.PoolProperties;
import org.jdbi.v3.core.Jdbi;

/**
 * The receipt read path alone (issue 12, "receipts ≥ 5,000/s per validator, p99 ≤ 20 ms"): a chain of
 * {@code messages} 100-byte messages in blocks of {@code block}, built with the core's content rule
 * (real messages and state roots, certificates signed with the simulator's fast test keys) and stored
 * with {@link BlockStore#store} in an embedded PostgreSQL, is read by {@code threads} threads back
 * to back, each building {@code GET /v1/messages/{id}/receipt}'s answer with the REST layer's own
 * {@link ChainQueries} for a random stored id and serialising it to JSON bytes with Jackson, as the
 * resource does. No HTTP: the harness's receipt probe measures the whole path through Jetty. Before
 * measuring, 200 random receipts are checked with the client's {@link ReceiptVerifier}.
 *
 * <p>The store's pool is tomcat-jdbc with 8 connections, the trie-node cache has 200,000 entries and
 * the receipt block cache 64 MiB, as in a devnet or harness validator. {@code --data DIR} keeps the database between runs (the chain is
 * built once, when the directory is empty), so before/after comparisons read the same chain.
 *
 * <pre>java -cp sequencer-node/benchmarks/target/benchmarks.jar io.diseq.bench.ReceiptBench \
 *     [--messages 300000] [--block 10000] [--threads 8] [--warm-up 10] [--seconds 20] [--data DIR]</pre>
 */
public final class ReceiptBench {
    private static final int PARTITIONS = 4;
    private static final int MESSAGE_BYTES = 100;
    private static final int VALIDATORS = 4;
    private static final int POOL = 8;
    private static final int NODE_CACHE = 200_000;
    private static final long RECEIPT_CACHE_BYTES = 64L << 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    private ReceiptBench() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = BenchArgs.options(args);
        int messages = Integer.parseInt(opts.getOrDefault("messages", "300000"));
        int block = Integer.parseInt(opts.getOrDefault("block", "10000"));
        int threads = Integer.parseInt(opts.getOrDefault("threads", "8"));
        int warmUp = Integer.parseInt(opts.getOrDefault("warm-up", "10"));
        int seconds = Integer.parseInt(opts.getOrDefault("seconds", "20"));
        ChainConfig chain = new ChainConfig("receipt-bench", TestChains.validators(VALIDATORS), TestChains.GENESIS_TIME_MS,
                TestChains.TIMEOUTS, block, 1L << 30, 5_000, 0);
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
        if (opts.containsKey("data")) {
            File dir = new File(opts.get("data"));
            Files.createDirectories(dir.toPath());
            builder.setDataDirectory(dir).setCleanDataDirectory(false);
        }
        try (EmbeddedPostgres pg = builder.start()) {
            DataSource pool = pool(pg.getJdbcUrl("postgres", "postgres"));
            try {
                Jdbi jdbi = NodeDatabase.open(Jdbi.create(pool));
                PostgresNodeStore nodes = new PostgresNodeStore(jdbi, NODE_CACHE);
                BlockStore blocks = new BlockStore(jdbi, nodes::remember);
                long stored = blocks.latest().map(r -> r.height()).orElse(0L);
                if (stored == 0) {
                    build(chain, blocks, messages, block);
                } else {
                    System.out.printf("reusing the stored chain: %,d blocks%n", stored);
                }
                List<byte[]> ids = jdbi.withHandle(h -> h.createQuery("SELECT id FROM messages").mapTo(byte[].class).list());
                System.out.printf("%,d stored messages; %d threads; load average %s%n", ids.size(), threads, BenchArgs.loadAverage());
                ChainQueries queries = new ChainQueries(chain, blocks, nodes, RECEIPT_CACHE_BYTES);
                verifySample(chain, queries, ids);
                run(queries, ids, threads, warmUp, false);
                run(queries, ids, threads, seconds, true);
                System.out.printf("load average at the end: %s%n", BenchArgs.loadAverage());
            } finally {
                pool.close();
            }
        }
    }

    private static void build(ChainConfig chain, BlockStore blocks, int messages, int block) {
        long start = System.nanoTime();
        TestInputLog log = new TestInputLog(PARTITIONS);
        InMemoryNodeStore state = new InMemoryNodeStore();
        ChainTip tip = Genesis.tip(chain);
        SplittableRandom random = new SplittableRandom(2026);
        for (int done = 0; done < messages; done += block) {
            int n = Math.min(block, messages - done);
            for (int i = 0; i < n; i++) {
                byte[] body = new byte[MESSAGE_BYTES];
                random.nextBytes(body);
                log.append(i % PARTITIONS, body);
            }
            DecidedBlock decided = decide(chain, tip, log, state);
            StoreOutcome outcome = blocks.store(BlockWrite.of(decided));
            if (!(outcome instanceof StoreOutcome.Stored)) {
                throw new IllegalStateException("unexpected " + outcome);
            }
            tip = decided.tip();
        }
        System.out.printf("built and stored %,d messages in %,d blocks in %.0f s%n", messages,
                tip.height(), (System.nanoTime() - start) / 1e9);
    }

    /** The next block over everything appended, decided as validators would (see the service's TestChain). */
    private static DecidedBlock decide(ChainConfig chain, ChainTip tip, TestInputLog log, InMemoryNodeStore state) {
        long height = tip.height() + 1;
        BlockContent content = ContentRule.assemble(chain, tip, height, log, state);
        int committer = chain.validators().committerIndex(height, 0);
        FastTestCrypto committerKeys = FastTestCrypto.forValidator(committer);
        byte[] alpha = SignBytes.vrfAlpha(chain.chainId(), height, 0, tip.blockId());
        byte[] pi = committerKeys.vrfProve(alpha);
        byte[] beta = FastTestCrypto.VERIFIER.vrfVerify(committerKeys.vrfKey(), Bytes.wrap(pi), alpha).orElseThrow();
        int proposer = chain.validators().proposerIndex(beta);
        BlockHeader header = new BlockHeader(chain.chainId(), height, 0, tip.blockId(), tip.header().timestampMs() + 1000,
                proposer, committer, Bytes.wrap(pi), content.ranges(), content.messages().size(),
                content.messagesRoot(), content.stateRoot(), chain.validators().hash());
        Bytes id = header.id();
        List<CommitSignature> signatures = new ArrayList<>();
        for (int v = 0; v < chain.validators().quorum(); v++) {
            signatures.add(new CommitSignature(v, Bytes.wrap(FastTestCrypto.forValidator(v)
                    .sign(SignBytes.precommit(chain.chainId(), height, 0, id)))));
        }
        state.apply(content.stateCommit());
        ChainTip next = tip.advance(header, id);
        return new DecidedBlock(header, id, new QuorumCertificate(height, 0, id, signatures), content.messages(),
                content.stateCommit().newNodes(), next);
    }

    private static void verifySample(ChainConfig chain, ChainQueries queries, List<byte[]> ids) throws Exception {
        ReceiptVerifier verifier = new ReceiptVerifier(chain.chainId(), chain.validators(), FastTestCrypto.VERIFIER);
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 200; i++) {
            Bytes id = Bytes.wrap(ids.get(random.nextInt(ids.size())));
            Views.ReceiptOrAbsence answer = queries.receiptOrAbsence(id);
            ReceiptVerifier.Result result = verifier.verify(id.toHex(), JSON.readTree(JSON.writeValueAsBytes(answer)));
            if (!(result instanceof ReceiptVerifier.Result.Verified)) {
                throw new IllegalStateException("receipt of " + id.toHex() + " does not verify: " + result);
            }
        }
        System.out.println("200 random receipts verify offline");
    }

    private static void run(ChainQueries queries, List<byte[]> ids, int threads, int seconds, boolean report)
            throws InterruptedException {
        Histogram latency = new Histogram(60_000_000L, 3);
        AtomicLong bytes = new AtomicLong();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        long started = System.nanoTime();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            SplittableRandom random = new SplittableRandom(100 + t);
            Thread w = new Thread(() -> {
                Histogram mine = new Histogram(60_000_000L, 3);
                long written = 0;
                while (System.nanoTime() < end) {
                    Bytes id = Bytes.wrap(ids.get(random.nextInt(ids.size())));
                    long t0 = System.nanoTime();
                    Views.ReceiptOrAbsence answer = queries.receiptOrAbsence(id);
                    written += json(answer).length;
                    if (!(answer instanceof Views.Receipt)) {
                        throw new IllegalStateException("no receipt for stored id " + id.toHex());
                    }
                    mine.recordValue(Math.min((System.nanoTime() - t0) / 1000, mine.getHighestTrackableValue()));
                }
                bytes.addAndGet(written);
                synchronized (latency) {
                    latency.add(mine);
                }
            }, "receipts-" + t);
            w.start();
            workers.add(w);
        }
        for (Thread w : workers) {
            w.join();
        }
        double elapsed = (System.nanoTime() - started) / 1e9;
        long n = latency.getTotalCount();
        System.out.printf("%s %d s: %,.0f receipts/s, p50 %.2f ms, p99 %.2f ms, p99.9 %.2f ms, max %.1f ms, %,d B/receipt%n",
                report ? "measured" : "warm-up", seconds, n / elapsed, latency.getValueAtPercentile(50) / 1000.0,
                latency.getValueAtPercentile(99) / 1000.0, latency.getValueAtPercentile(99.9) / 1000.0,
                latency.getMaxValue() / 1000.0, n == 0 ? 0 : bytes.get() / n);
    }

    private static byte[] json(Views.ReceiptOrAbsence answer) {
        try {
            return JSON.writeValueAsBytes(answer);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static DataSource pool(String url) {
        PoolProperties properties = new PoolProperties();
        properties.setUrl(url);
        properties.setUsername("postgres");
        properties.setDriverClassName("org.postgresql.Driver");
        properties.setMaxActive(POOL);
        properties.setMaxIdle(POOL);
        properties.setInitialSize(2);
        return new DataSource(properties);
    }
}
