package io.diseq.bench;

import io.diseq.core.crypto.Keccak256;
import io.diseq.core.trie.InMemoryNodeStore;
import io.diseq.core.trie.MerklePatriciaTrie;
import io.diseq.core.trie.MessageLocation;
import io.diseq.core.trie.TrieCommit;
import io.diseq.core.util.Bytes;
import io.diseq.node.store.BlockStore;
import io.diseq.node.store.BlockWrite;
import io.diseq.node.store.MessageSource;
import io.diseq.node.store.NodeDatabase;
import io.diseq.node.store.PostgresNodeStore;
import io.diseq.node.store.StoreOutcome;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.apache.tomcat.jdbc.pool.DataSource;
import org.apache.tomcat.jdbc.pool.PoolProperties;
import org.jdbi.v3.core.Jdbi;

/**
 * Wall-clock time of the node's storage against an embedded PostgreSQL (issue 12 §2): writing
 * 10,000-message blocks (100-byte random messages, 8 partitions, the state-trie nodes that the
 * core's Merkle Patricia Trie creates for the block's message ids) with {@link BlockStore#store},
 * and loading 1,000 random stored trie nodes with a cold cache, once as 1,000 single
 * {@link PostgresNodeStore#get} calls and once as one {@link PostgresNodeStore#getMany}. The
 * connection pool is tomcat-jdbc, as in the service. Run with
 * {@code java -cp sequencer-node/benchmarks/target/benchmarks.jar io.diseq.bench.StoreBench [blocks] [warm-up blocks] [load rounds]}.
 */
public final class StoreBench {
    private static final int MESSAGES = 10_000;
    private static final int MESSAGE_BYTES = 100;
    private static final int PARTITIONS = 8;
    private static final int LOAD = 1_000;

    private StoreBench() {}

    public static void main(String[] args) throws Exception {
        int blocks = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int warmUp = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int loadRounds = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start()) {
            DataSource pool = pool(pg.getJdbcUrl("postgres", "postgres"));
            try {
                run(NodeDatabase.open(Jdbi.create(pool)), blocks, warmUp, loadRounds);
            } finally {
                pool.close();
            }
        }
    }

    private static void run(Jdbi jdbi, int blocks, int warmUp, int loadRounds) {
        BlockStore store = new BlockStore(jdbi, nodes -> { });
        SplittableRandom random = new SplittableRandom(12);
        InMemoryNodeStore trieNodes = new InMemoryNodeStore();
        Bytes root = MerklePatriciaTrie.EMPTY_ROOT;
        List<Bytes> stored = new ArrayList<>();
        long[] offsets = new long[PARTITIONS];
        double[] writeMs = new double[blocks];
        long nodes = 0;
        for (int h = 1; h <= warmUp + blocks; h++) {
            MerklePatriciaTrie trie = MerklePatriciaTrie.open(trieNodes, root);
            BlockWrite write = block(h, random, trie, offsets);
            TrieCommit commit = trie.commit();
            trieNodes.apply(commit);
            root = commit.root();
            write = withNodes(write, commit.newNodes());
            stored.addAll(commit.newNodes().keySet());
            long start = System.nanoTime();
            StoreOutcome outcome = store.store(write);
            double ms = (System.nanoTime() - start) / 1e6;
            if (!(outcome instanceof StoreOutcome.Stored)) {
                throw new IllegalStateException("unexpected " + outcome);
            }
            if (h > warmUp) {
                writeMs[h - warmUp - 1] = ms;
                nodes += commit.newNodes().size();
            }
        }
        System.out.printf("block write (%,d messages of %d bytes, %,.0f new trie nodes on average): %s ms%n",
                MESSAGES, MESSAGE_BYTES, (double) nodes / blocks, summary(writeMs));
        double[] singleMs = new double[loadRounds];
        double[] batchMs = new double[loadRounds];
        for (int round = 0; round < loadRounds; round++) {
            List<Bytes> asked = new ArrayList<>(LOAD);
            for (int i = 0; i < LOAD; i++) {
                asked.add(stored.get(random.nextInt(stored.size())));
            }
            singleMs[round] = singleGets(new PostgresNodeStore(jdbi, 1), asked);
            batchMs[round] = batchedLoad(new PostgresNodeStore(jdbi, 1), asked);
        }
        System.out.printf("1,000 trie nodes, cold cache, 1,000 single gets: %s ms%n", summary(singleMs));
        System.out.printf("1,000 trie nodes, cold cache, one getMany:        %s ms%n", summary(batchMs));
    }

    private static double singleGets(PostgresNodeStore store, List<Bytes> asked) {
        long start = System.nanoTime();
        for (Bytes hash : asked) {
            if (store.get(hash) == null) {
                throw new IllegalStateException("missing node " + hash);
            }
        }
        return (System.nanoTime() - start) / 1e6;
    }

    private static double batchedLoad(PostgresNodeStore store, List<Bytes> asked) {
        long start = System.nanoTime();
        Map<Bytes, byte[]> loaded = store.getMany(asked);
        double ms = (System.nanoTime() - start) / 1e6;
        if (!loaded.keySet().containsAll(asked)) {
            throw new IllegalStateException("getMany missed nodes");
        }
        return ms;
    }

    private static BlockWrite block(long height, SplittableRandom random, MerklePatriciaTrie trie, long[] offsets) {
        List<Bytes> messages = new ArrayList<>(MESSAGES);
        List<MessageSource> sources = new ArrayList<>(MESSAGES);
        for (int i = 0; i < MESSAGES; i++) {
            byte[] body = new byte[MESSAGE_BYTES];
            random.nextBytes(body);
            messages.add(Bytes.wrap(body));
            int partition = i % PARTITIONS;
            sources.add(new MessageSource(partition, offsets[partition]++));
            trie.put(Keccak256.hash(body), new MessageLocation(height, i).encode());
        }
        TreeMap<Integer, Long> next = new TreeMap<>();
        for (int p = 0; p < PARTITIONS; p++) {
            next.put(p, offsets[p]);
        }
        byte[] id = Keccak256.hash(Long.toString(height).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return new BlockWrite(height, Bytes.wrap(id), new byte[300], new byte[400], height * 1000, messages,
                Map.of(), next, sources);
    }

    private static BlockWrite withNodes(BlockWrite w, Map<Bytes, byte[]> nodes) {
        return new BlockWrite(w.height(), w.blockId(), w.headerRlp(), w.certificate(), w.blockTimeMs(), w.messages(),
                nodes, w.nextOffsets(), w.sources());
    }

    private static String summary(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return String.format("min %.1f  median %.1f  max %.1f (%d runs)", sorted[0], sorted[sorted.length / 2],
                sorted[sorted.length - 1], sorted.length);
    }

    private static DataSource pool(String url) {
        PoolProperties properties = new PoolProperties();
        properties.setUrl(url);
        properties.setUsername("postgres");
        properties.setDriverClassName("org.postgresql.Driver");
        properties.setMaxActive(4);
        properties.setInitialSize(2);
        return new DataSource(properties);
    }
}
