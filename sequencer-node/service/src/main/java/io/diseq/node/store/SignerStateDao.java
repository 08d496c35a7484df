package io.diseq.node.store;

import java.util.Optional;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * The signer's durable state as one opaque row (the core defines its encoding). {@link #save}
 * returns only after PostgreSQL committed it (synchronous commit), so a vote signed afterwards can
 * never be contradicted by a restarted signer.
 */
public interface SignerStateDao {
    /** {@link #save} with a positional parameter, for the driver's plain JDBC write ({@link SignerStateStore}). */
    String SAVE = "INSERT INTO signer_state (id, state) VALUES (1, ?) "
            + "ON CONFLICT (id) DO UPDATE SET state = EXCLUDED.state, updated_at = now()";

    @SqlQuery("SELECT state FROM signer_state WHERE id = 1")
    Optional<byte[]> load();

    @SqlUpdate("INSERT INTO signer_state (id, state) VALUES (1, :state) "
            + "ON CONFLICT (id) DO UPDATE SET state = EXCLUDED.state, updated_at = now()")
    void save(@Bind("state") byte[] state);
}
