package io.diseq.node.store;

import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

/**
 * Tells a database that is not there (stopped, restarting, unreachable) from a failed statement. Only the
 * first is worth retrying unchanged: the same write succeeds once the server is back (docs/operations-node.md
 * §Storage outages).
 */
public final class StorageErrors {
    private StorageErrors() {
    }

    /**
     * True if a cause of {@code e} says the connection failed or the server is shutting down or starting:
     * SQLSTATE class 08 (connection exception), 57P01–57P03 (admin shutdown, crash shutdown, cannot connect
     * now), a transient connection failure, or an I/O error of the driver.
     */
    public static boolean isUnavailable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLTransientConnectionException || t instanceof IOException) {
                return true;
            }
            if (t instanceof SQLException s && s.getSQLState() != null
                    && (s.getSQLState().startsWith("08") || s.getSQLState().startsWith("57P"))) {
                return true;
            }
        }
        return false;
    }
}
