package io.diseq.devnet;

import java.nio.file.Path;

/**
 * A JVM that starts the devnet's PostgreSQL on a data directory, prints {@code READY} and waits: the test
 * kills it with {@code kill -9}, which leaves the server running, as a crashed devnet does.
 * Arguments: data directory, port.
 */
public final class PostgresChild {
    private PostgresChild() {
    }

    public static void main(String[] args) throws Exception {
        PostgresServer.start(Path.of(args[0]), Integer.parseInt(args[1]));
        System.out.println("READY");
        System.out.flush();
        Thread.currentThread().join();
    }
}
