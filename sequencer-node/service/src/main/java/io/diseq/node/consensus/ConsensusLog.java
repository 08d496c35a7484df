package io.diseq.node.consensus;

import io.diseq.core.chain.BlockHeader;
import io.diseq.core.chain.QuorumCertificate;
import io.diseq.core.runtime.Decision;
import io.diseq.node.store.PlainUpdate;
import java.util.Arrays;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/**
 * The consensus log in PostgreSQL ({@code consensus_decisions}, migration V3): each decision the runtime asks
 * to persist ({@code Output.PersistDecision}), committed before {@link #save} returns. On start the decisions
 * above the durable tip are handed back to the runtime; rows at or below the durable height are pruned.
 * A stored row that does not decode to exactly what was written is a broken store and throws.
 */
public final class ConsensusLog {
    private final Jdbi jdbi;

    public ConsensusLog(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public void save(BlockHeader header, QuorumCertificate certificate) {
        PlainUpdate.execute(jdbi, "INSERT INTO consensus_decisions (height, header, certificate) VALUES (?, ?, ?) "
                        + "ON CONFLICT (height) DO UPDATE SET header = EXCLUDED.header, certificate = EXCLUDED.certificate",
                header.height(), header.encode(), certificate.encode());
    }

    /** Decisions above {@code height}, in height order. */
    public List<Decision> above(long height) {
        return jdbi.withHandle(h -> h.createQuery("SELECT height, header, certificate FROM consensus_decisions "
                        + "WHERE height > :h ORDER BY height")
                .bind("h", height)
                .map((rs, ctx) -> decode(rs.getLong(1), rs.getBytes(2), rs.getBytes(3)))
                .list());
    }

    /** Drops the decisions at or below {@code height} (their blocks are durable). */
    public void pruneThrough(long height) {
        PlainUpdate.execute(jdbi, "DELETE FROM consensus_decisions WHERE height <= ?", height);
    }

    static Decision decode(long height, byte[] headerBytes, byte[] certificateBytes) {
        BlockHeader header = BlockHeader.decode(headerBytes);
        QuorumCertificate certificate = QuorumCertificate.decode(certificateBytes);
        if (header.height() != height || certificate.height() != height
                || !certificate.blockId().equals(header.id())
                || !Arrays.equals(header.encode(), headerBytes) || !Arrays.equals(certificate.encode(), certificateBytes)) {
            throw new IllegalStateException("consensus log row " + height + " does not decode to what was written");
        }
        return new Decision(header, certificate);
    }
}
