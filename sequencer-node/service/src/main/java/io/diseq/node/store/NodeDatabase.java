package io.diseq.node.store;

import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;

/** Prepares a {@link Jdbi} for the node's DAOs and brings its schema up to date. */
public final class NodeDatabase {
    private NodeDatabase() {
    }

    /** Installs the SqlObject plugin (idempotent) and runs pending migrations; returns the jdbi. */
    public static Jdbi open(Jdbi jdbi) {
        jdbi.installPlugin(new SqlObjectPlugin());
        Migrations.migrate(jdbi);
        return jdbi;
    }
}
