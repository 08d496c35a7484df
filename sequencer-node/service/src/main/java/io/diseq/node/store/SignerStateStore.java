package io.diseq.node.store;

import io.diseq.core.consensus.SignerState;
import io.diseq.core.consensus.SignerStateCodec;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * Durable signer state (docs/protocol.md §7.14) in PostgreSQL, encoded by the core's {@link SignerStateCodec}
 * (docs/protocol.md §30.3).
 * {@link #save} returns only after the row is committed: the driver calls it before any message
 * signed under that state is handed to the gossip client.
 */
public final class SignerStateStore {
    private final Jdbi jdbi;

    public SignerStateStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public void save(SignerState state) {
        byte[] encoded = SignerStateCodec.encode(state);
        PlainUpdate.execute(jdbi, SignerStateDao.SAVE, encoded);
    }

    /** The stored state; empty on a node that never signed. A stored state that cannot be decoded throws. */
    public Optional<SignerState> load() {
        return jdbi.withExtension(SignerStateDao.class, SignerStateDao::load).map(SignerStateCodec::decode);
    }
}
