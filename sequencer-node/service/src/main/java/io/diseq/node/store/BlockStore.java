package io.diseq.node.store;

import io.diseq.core.chain.BlockHeader;
import io.diseq.core.chain.ChainTip;
import io.diseq.core.crypto.Keccak256;
import io.diseq.core.util.Bytes;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Durable chain storage (docs/protocol.md §Persistence and recovery). {@link #store} writes a
 * decided block, its messages, its new state-trie nodes and the Kafka positions after it in ONE
 * transaction, each per-message table and the trie nodes with one binary {@code COPY} (one round
 * trip per table per block), so a crash leaves either all of it or none. Block writers are
 * serialised by an advisory lock; a height is stored at most once: the same block again is a no-op,
 * a different one is refused, and the stored chain stays contiguous.
 */
public final class BlockStore {
    private final Jdbi jdbi;
    private final Consumer<Map<Bytes, byte[]>> afterCommit;

    /**
     * @param afterCommit told the trie nodes of every committed block (e.g. to warm a node cache);
     *                    runs after the commit on the writing thread
     */
    public BlockStore(Jdbi jdbi, Consumer<Map<Bytes, byte[]>> afterCommit) {
        this.jdbi = jdbi;
        this.afterCommit = afterCommit;
    }

    public StoreOutcome store(BlockWrite block) {
        StoreOutcome outcome = jdbi.inTransaction(handle -> {
            BlockDao dao = handle.attach(BlockDao.class);
            dao.lockBlockWriters();
            Optional<StoreOutcome> refused = checkPlace(dao, block);
            if (refused.isPresent()) {
                return refused.get();
            }
            write(handle, dao, block);
            return new StoreOutcome.Stored(block.height());
        });
        if (outcome instanceof StoreOutcome.Stored) {
            afterCommit.accept(block.newTrieNodes());
        }
        return outcome;
    }

    private static Optional<StoreOutcome> checkPlace(BlockDao dao, BlockWrite block) {
        Optional<BlockRow> existing = dao.block(block.height());
        if (existing.isPresent()) {
            byte[] storedId = existing.get().blockId();
            return Optional.of(Arrays.equals(storedId, block.blockId().unsafeArray())
                    ? new StoreOutcome.AlreadyStored(block.height())
                    : new StoreOutcome.Conflict(block.height(), Bytes.of(storedId)));
        }
        Optional<BlockRow> latest = dao.latest();
        if (latest.isPresent() && latest.get().height() + 1 != block.height()) {
            return Optional.of(new StoreOutcome.NotNext(block.height(), latest.get().height()));
        }
        return Optional.empty();
    }

    private static void write(Handle handle, BlockDao dao, BlockWrite block) {
        long h = block.height();
        dao.insertBlock(new BlockRow(h, block.blockId().toArray(), block.headerRlp(), block.certificate(),
                block.blockTimeMs()));
        Connection connection = handle.getConnection();
        copyMessages(connection, block);
        copySources(connection, block);
        copyTrieNodes(handle, block);
        List<PositionRow> positions = new ArrayList<>();
        block.nextOffsets().forEach((partition, offset) -> positions.add(new PositionRow(h, partition, offset)));
        dao.insertPositions(positions);
    }

    /** One COPY for all messages; a message id sequenced before fails it on {@code messages_pkey}. */
    private static void copyMessages(Connection connection, BlockWrite block) {
        List<Bytes> messages = block.messages();
        int bytes = 0;
        for (Bytes m : messages) {
            bytes += m.length() + 64;
        }
        CopyRows rows = new CopyRows(4, bytes);
        for (int i = 0; i < messages.size(); i++) {
            byte[] body = messages.get(i).unsafeArray();
            rows.row().bytea(Keccak256.hash(body)).int8(block.height()).int4(i).bytea(body);
        }
        rows.copyInto(connection, "messages (id, height, idx, body)");
    }

    private static void copySources(Connection connection, BlockWrite block) {
        List<MessageSource> sources = block.sources();
        CopyRows rows = new CopyRows(4, sources.size() * 42);
        for (int i = 0; i < sources.size(); i++) {
            MessageSource src = sources.get(i);
            rows.row().int8(block.height()).int4(i).int4(src.partition()).int8(src.offset());
        }
        rows.copyInto(connection, "message_sources (height, idx, partition, kafka_offset)");
    }

    /**
     * Trie nodes are content-addressed and a node may already be stored by an earlier block, so they
     * are copied into a session-local staging table (emptied at every commit) and moved with one
     * {@code INSERT ... SELECT ... ON CONFLICT DO NOTHING}.
     */
    private static void copyTrieNodes(Handle handle, BlockWrite block) {
        Map<Bytes, byte[]> nodes = block.newTrieNodes();
        if (nodes.isEmpty()) {
            return;
        }
        CopyRows rows = new CopyRows(2, nodes.size() * 160);
        nodes.forEach((hash, rlp) -> rows.row().bytea(hash.unsafeArray()).bytea(rlp));
        handle.execute("CREATE TEMP TABLE IF NOT EXISTS trie_nodes_staging (hash BYTEA NOT NULL, rlp BYTEA NOT NULL) "
                + "ON COMMIT DELETE ROWS");
        rows.copyInto(handle.getConnection(), "trie_nodes_staging (hash, rlp)");
        handle.execute("INSERT INTO trie_nodes (hash, rlp) SELECT hash, rlp FROM trie_nodes_staging "
                + "ON CONFLICT (hash) DO NOTHING");
    }

    public Optional<BlockRow> latest() {
        return jdbi.withExtension(BlockDao.class, BlockDao::latest);
    }

    public Optional<BlockRow> block(long height) {
        return jdbi.withExtension(BlockDao.class, dao -> dao.block(height));
    }

    /** Up to {@code limit} stored blocks with height >= {@code from}, in height order. */
    public List<BlockRow> blocksFrom(long from, int limit) {
        return jdbi.withExtension(BlockDao.class, dao -> dao.blocksFrom(from, limit));
    }

    public List<MessageRow> messagesAt(long height) {
        return jdbi.withExtension(BlockDao.class, dao -> dao.messagesAt(height));
    }

    /** The input positions of the messages of block {@code height}, by index (empty if not recorded). */
    public List<MessageSourceRow> messageSourcesAt(long height) {
        return jdbi.withExtension(BlockDao.class, dao -> dao.messageSourcesAt(height));
    }

    /**
     * The stored message with this id. The receipt path's one query per request: plain JDBC on a
     * handle, since attaching a SqlObject extension per call cost several times the query itself.
     */
    public Optional<MessageRow> message(Bytes id) {
        return jdbi.withHandle(handle -> {
            try (PreparedStatement ps = handle.getConnection().prepareStatement(BlockDao.MESSAGE_BY_ID)) {
                ps.setBytes(1, id.unsafeArray());
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next()
                            ? Optional.of(new MessageRow(rs.getBytes(1), rs.getLong(2), rs.getInt(3), rs.getBytes(4)))
                            : Optional.<MessageRow>empty();
                }
            } catch (SQLException e) {
                throw new IllegalStateException("cannot read message " + id.toHex() + ": " + e.getMessage(), e);
            }
        });
    }

    /**
     * The core's chain tip from the latest stored block: its header, id and input positions. Empty
     * when no block is stored (the driver then starts from the genesis tip).
     */
    public Optional<ChainTip> latestTip() {
        return jdbi.withExtension(BlockDao.class, dao -> dao.latest().map(row -> {
            Map<Integer, Long> positions = new TreeMap<>();
            dao.positionsAt(row.height()).forEach(p -> positions.put(p.partition(), p.nextOffset()));
            return new ChainTip(BlockHeader.decode(row.headerRlp()), Bytes.of(row.blockId()), positions);
        }));
    }

    /**
     * The input positions stored with the latest block (partition → next unsequenced offset);
     * empty when no block is stored, meaning "read every partition from its beginning".
     */
    public SortedMap<Integer, Long> latestPositions() {
        return jdbi.withExtension(BlockDao.class, dao -> {
            SortedMap<Integer, Long> positions = new TreeMap<>();
            dao.latest().ifPresent(b -> dao.positionsAt(b.height())
                    .forEach(p -> positions.put(p.partition(), p.nextOffset())));
            return positions;
        });
    }
}
