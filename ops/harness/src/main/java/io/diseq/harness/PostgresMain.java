package io.diseq.harness;

import io.diseq.devnet.PostgresServer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * PostgreSQL under a JVM of its own (the devnet's embedded server: real binaries, the server runs as
 * its own OS processes, children of this one). Arguments: data directory, port, user, password,
 * databases... Creates the role and databases, prints {@code READY}; {@code SIGTERM} stops the server.
 * System property {@value #SETTINGS}: server settings, {@code name=value} separated by commas.
 */
public final class PostgresMain {
    static final String SETTINGS = "diseq.postgres.settings";

    private PostgresMain() {
    }

    static Map<String, String> settings(String text) {
        Map<String, String> settings = new LinkedHashMap<>();
        if (text == null || text.isBlank()) {
            return settings;
        }
        for (String pair : text.split(",")) {
            int eq = pair.indexOf('=');
            if (eq <= 0 || eq == pair.length() - 1) {
                throw new IllegalArgumentException("a PostgreSQL setting is name=value, got '" + pair + "'");
            }
            settings.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
        }
        return settings;
    }

    public static void main(String[] args) throws Exception {
        PostgresServer server = PostgresServer.start(Path.of(args[0]), Integer.parseInt(args[1]),
                settings(System.getProperty(SETTINGS)));
        List<String> databases = Arrays.asList(args).subList(4, args.length);
        server.ensureDatabases(args[2], args[3], databases);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.close();
            } catch (java.io.IOException e) {
                System.err.println("postgres: stop failed: " + e);
            }
            stopped.countDown();
        }, "postgres-shutdown"));
        ChildReport.ready();
        stopped.await();
    }
}
