package io.diseq.node.store;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * SqlObject DAO over the block tables; {@link BlockStore} composes these statements into transactions.
 * The per-message rows and the trie nodes of a block are written by {@link BlockStore} with COPY, not here.
 */
@RegisterConstructorMapper(BlockRow.class)
@RegisterConstructorMapper(MessageRow.class)
@RegisterConstructorMapper(PositionRow.class)
@RegisterConstructorMapper(MessageSourceRow.class)
public interface BlockDao {
    String BLOCK_COLUMNS = "height, block_id, header_rlp, certificate, block_time_ms";
    /** The receipt path's point reads, run as plain JDBC (see {@link BlockStore#message}). */
    String MESSAGE_BY_ID = "SELECT id, height, idx, body FROM messages WHERE id = ?";
    String TRIE_NODE_BY_HASH = "SELECT rlp FROM trie_nodes WHERE hash = ?";

    /** Serialises block writers of this database for the rest of the transaction. */
    @SqlQuery("SELECT pg_advisory_xact_lock(6874) IS NOT NULL")
    boolean lockBlockWriters();

    @SqlQuery("SELECT " + BLOCK_COLUMNS + " FROM blocks WHERE height = :height")
    Optional<BlockRow> block(@Bind("height") long height);

    @SqlQuery("SELECT " + BLOCK_COLUMNS + " FROM blocks ORDER BY height DESC LIMIT 1")
    Optional<BlockRow> latest();

    @SqlQuery("SELECT " + BLOCK_COLUMNS + " FROM blocks WHERE height >= :from ORDER BY height LIMIT :limit")
    List<BlockRow> blocksFrom(@Bind("from") long from, @Bind("limit") int limit);

    @SqlUpdate("INSERT INTO blocks (" + BLOCK_COLUMNS + ") VALUES "
            + "(:height, :blockId, :headerRlp, :certificate, :blockTimeMs)")
    void insertBlock(@BindMethods BlockRow row);

    @SqlQuery("SELECT height, idx, partition, kafka_offset FROM message_sources WHERE height = :height ORDER BY idx")
    List<MessageSourceRow> messageSourcesAt(@Bind("height") long height);

    @SqlBatch("INSERT INTO kafka_positions (height, partition, next_offset) VALUES (:height, :partition, :nextOffset)")
    void insertPositions(@BindMethods List<PositionRow> rows);

    @SqlQuery("SELECT id, height, idx, body FROM messages WHERE height = :height ORDER BY idx")
    List<MessageRow> messagesAt(@Bind("height") long height);

    @SqlQuery("SELECT height, partition, next_offset FROM kafka_positions WHERE height = :height ORDER BY partition")
    List<PositionRow> positionsAt(@Bind("height") long height);
}
