package io.diseq.node.store;

import java.util.Optional;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * The signer's durable state as one opaque row (the core defines its encoding). {@link #save}
 * returns only after PostgreSQL committed it (synchronous commit), so a vote signed afterwards can
 * never be contradicted by a restarted signer.
 */
public interface SignerStateDao {
    /** The write, one positional parameter: {@link #save}, and the driver's plain JDBC write ({@link SignerStateStore}). */
    String SAVE = "INSERT INTO signer_state (id, state) VALUES (1, ?) "
            + "ON CONFLICT (id) DO UPDATE SET state = EXCLUDED.state, updated_at = now()";

    @SqlQuery("SELECT state FROM signer_state WHERE id = 1")
    Optional<byte[]> load();

    @SqlUpdate(SAVE)
    void save(byte[] state);
}
