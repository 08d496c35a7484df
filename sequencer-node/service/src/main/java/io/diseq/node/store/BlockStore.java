package io.diseq.node.store;

import io.diseq.core.chain.BlockHeader;
import io.diseq.core.chain.ChainTip;
import io.diseq.core.crypto.Keccak256;
import io.diseq.core.util.Bytes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.jdbi.v3.core.Jdbi;

/**
 * Durable chain storage (docs/protocol.md §Persistence and recovery). {@link #store} writes a
 * decided block, its messages, its new state-trie nodes and the Kafka positions after it in ONE
 * transaction with batched inserts, so a crash leaves either all of it or none. Block writers are
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
            write(dao, block);
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

    private static void write(BlockDao dao, BlockWrite block) {
        long h = block.height();
        dao.insertBlock(new BlockRow(h, block.blockId().toArray(), block.headerRlp(), block.certificate(),
                block.blockTimeMs()));
        List<MessageRow> messages = new ArrayList<>(block.messages().size());
        for (int i = 0; i < block.messages().size(); i++) {
            byte[] body = block.messages().get(i).unsafeArray();
            messages.add(new MessageRow(Keccak256.hash(body), h, i, body));
        }
        dao.insertMessages(messages);
        List<MessageSourceRow> sources = new ArrayList<>(block.sources().size());
        for (int i = 0; i < block.sources().size(); i++) {
            MessageSource src = block.sources().get(i);
            sources.add(new MessageSourceRow(h, i, src.partition(), src.offset()));
        }
        dao.insertMessageSources(sources);
        List<TrieNodeRow> nodes = new ArrayList<>(block.newTrieNodes().size());
        block.newTrieNodes().forEach((hash, rlp) -> nodes.add(new TrieNodeRow(hash.unsafeArray(), rlp)));
        dao.insertTrieNodes(nodes);
        List<PositionRow> positions = new ArrayList<>();
        block.nextOffsets().forEach((partition, offset) -> positions.add(new PositionRow(h, partition, offset)));
        dao.insertPositions(positions);
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

    public Optional<MessageRow> message(Bytes id) {
        return jdbi.withExtension(BlockDao.class, dao -> dao.message(id.unsafeArray()));
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
