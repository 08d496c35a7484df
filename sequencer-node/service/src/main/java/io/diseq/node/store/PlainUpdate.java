package io.diseq.node.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;

/**
 * One SQL update as a plain JDBC prepared statement on a JDBI handle, for the small writes the consensus
 * driver makes several times a height (signer state, consensus log). Through JDBI's statement machinery
 * (template engine, SQL parser, argument binding by qualified type, SQL-object proxies) the signer-state
 * write alone was 14.5 % of the driver thread's CPU samples at low rates (docs/benchmarks.md, runs 10 and
 * 11). PgJDBC still prepares the statement on the server after a few uses of the same connection.
 * Parameters are bound with {@link PreparedStatement#setObject}: {@code Long} as int8, {@code byte[]} as
 * bytea. A failed statement throws {@link StatementFailed} with the driver's
 * {@link SQLException} as its cause, so {@link StorageErrors#isUnavailable} still sees its SQLSTATE.
 */
public final class PlainUpdate {
    private PlainUpdate() {
    }

    /** Runs {@code sql} with the positional {@code params} ({@code ?}) in its own auto-committed statement. */
    public static int execute(Jdbi jdbi, String sql, Object... params) {
        return jdbi.withHandle(h -> {
            try (PreparedStatement ps = h.getConnection().prepareStatement(sql)) {
                for (int i = 0; i < params.length; i++) {
                    ps.setObject(i + 1, params[i]);
                }
                return ps.executeUpdate();
            } catch (SQLException e) {
                throw new StatementFailed(sql, e);
            }
        });
    }

    /** A failed plain update (a {@link JdbiException}, like the failures of JDBI's own statements). */
    public static final class StatementFailed extends JdbiException {
        private static final long serialVersionUID = 1L;

        StatementFailed(String sql, SQLException cause) {
            super("statement failed: " + sql, cause);
        }
    }
}
