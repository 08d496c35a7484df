package io.diseq.node.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Versioned schema migrations, applied at start-up before any component touches the database.
 * Scripts live on the class path as {@code db/migration/V<n>__<name>.sql} and are listed in
 * {@link #SCRIPTS} (class-path directories cannot be listed portably inside a jar). Each script
 * runs in its own transaction together with its {@code schema_version} row, under a transaction
 * advisory lock so that two nodes sharing a database cannot migrate concurrently. A script that
 * was applied and later edited is refused (its SHA-256 is recorded), because the database would
 * no longer match the code.
 */
public final class Migrations {
    /** Every migration, in version order. Append only. */
    public static final List<String> SCRIPTS = List.of("V1__init.sql", "V2__message_sources.sql",
            "V3__consensus_decisions.sql",
            "V4__copy_block_writes.sql");

    private static final Pattern NAME = Pattern.compile("^V(\\d+)__([A-Za-z0-9_]+)\\.sql$");
    private static final long LOCK_KEY = 0x6469_7365_7100_0001L;

    private Migrations() {
    }

    /** Applies every pending migration; returns the schema version afterwards. */
    public static int migrate(Jdbi jdbi) {
        Map<Integer, Script> scripts = load();
        return jdbi.inTransaction(handle -> {
            handle.execute("SELECT pg_advisory_xact_lock(?)", LOCK_KEY);
            handle.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, "
                    + "name TEXT NOT NULL, sha256 TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())");
            int current = 0;
            for (Script script : scripts.values()) {
                applyOrVerify(handle, script);
                current = script.version();
            }
            return current;
        });
    }

    private static void applyOrVerify(Handle handle, Script script) {
        var applied = handle.createQuery("SELECT sha256 FROM schema_version WHERE version = :v")
                .bind("v", script.version()).mapTo(String.class).findOne();
        if (applied.isPresent()) {
            if (!applied.get().equals(script.sha256())) {
                throw new IllegalStateException("migration V" + script.version() + " (" + script.name()
                        + ") changed after it was applied; the database no longer matches this build");
            }
            return;
        }
        handle.createScript(script.sql()).execute();
        handle.createUpdate("INSERT INTO schema_version (version, name, sha256) VALUES (:v, :n, :s)")
                .bind("v", script.version()).bind("n", script.name()).bind("s", script.sha256()).execute();
    }

    private static Map<Integer, Script> load() {
        Map<Integer, Script> scripts = new TreeMap<>();
        int expected = 1;
        for (String file : SCRIPTS) {
            Matcher m = NAME.matcher(file);
            if (!m.matches() || Integer.parseInt(m.group(1)) != expected) {
                throw new IllegalStateException("migration " + file + " is misnamed or out of sequence");
            }
            String sql = read("db/migration/" + file);
            scripts.put(expected, new Script(expected, m.group(2), sql, sha256(sql)));
            expected++;
        }
        return scripts;
    }

    private static String read(String resource) {
        try (InputStream in = Migrations.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing migration resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha256(String sql) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(sql.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Script(int version, String name, String sql, String sha256) {
    }
}
