package io.diseq.harness;

import io.diseq.devnet.PostgresServer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * PostgreSQL under a JVM of its own (the devnet's embedded server: real binaries, the server runs as
 * its own OS processes, children of this one). Arguments: data directory, port, user, password,
 * databases... Creates the role and databases, prints {@code READY}; {@code SIGTERM} stops the server.
 */
public final class PostgresMain {
    private PostgresMain() {
    }

    public static void main(String[] args) throws Exception {
        PostgresServer server = PostgresServer.start(Path.of(args[0]), Integer.parseInt(args[1]));
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
