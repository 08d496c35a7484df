package io.diseq.node.consensus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.codahale.metrics.MetricRegistry;
import io.diseq.core.consensus.SignStep;
import io.diseq.core.consensus.SignerState;
import io.diseq.core.util.Bytes;
import io.diseq.node.store.NodeDatabase;
import io.diseq.node.store.SignerStateStore;
import io.diseq.node.testing.Await;
import io.dropwizard.db.DataSourceFactory;
import io.dropwizard.db.ManagedDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A validator's PostgreSQL stopped and started again (the fault runner's POSTGRES_STOP): the driver's
 * signer-state write waits for it and then succeeds, through the same connection pool the node builds
 * (Dropwizard's), instead of stopping the node for good.
 */
@Tag("integration")
class StorageOutageTest {
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    @TempDir
    Path dir;
    private EmbeddedPostgres postgres;
    private ManagedDataSource pool;

    @AfterEach
    void stop() throws Exception {
        if (pool != null) {
            pool.stop();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void aSignerStateWriteWaitsForTheDatabaseToComeBackAndThenSucceeds() throws Exception {
        int port = freePort();
        postgres = start(port);
        DataSourceFactory factory = new DataSourceFactory();
        factory.setDriverClass("org.postgresql.Driver");
        factory.setUrl("jdbc:postgresql://localhost:" + port + "/postgres");
        factory.setUser("postgres");
        factory.setPassword("");
        pool = factory.build(new MetricRegistry(), "outage");
        pool.start();
        SignerStateStore store = new SignerStateStore(NodeDatabase.open(Jdbi.create(pool)));
        DurableWrites writes = new DurableWrites(() -> { });
        writes.write("signer state", () -> store.save(state(1)));

        postgres.close();
        postgres = null;
        AtomicReference<Throwable> failed = new AtomicReference<>();
        Thread writer = new Thread(() -> {
            try {
                writes.write("signer state", () -> store.save(state(2)));
            } catch (Throwable t) {
                failed.set(t);
            }
        }, "writer");
        writer.start();
        Await.until(DEADLINE, "the write failed twice on the stopped database",
                () -> writes.retries() >= 2 || !writer.isAlive());
        assertThat(writer.isAlive()).as("still waiting, not given up: %s", failed.get()).isTrue();
        assertThat(writes.unavailableSinceMs()).isNotNegative();

        postgres = start(port);
        Await.until(DEADLINE, "the write went through", () -> !writer.isAlive());
        assertThat(failed.get()).isNull();
        assertThat(writes.unavailableSinceMs()).isEqualTo(-1);
        assertThat(store.load()).contains(state(2));
    }

    @Test
    void anyOtherFailureIsThrownAtOnce() {
        DurableWrites writes = new DurableWrites(() -> { });
        assertThatThrownBy(() -> writes.write("signer state", () -> {
            throw new IllegalStateException("a bug, not an outage");
        })).hasMessage("a bug, not an outage");
        assertThat(writes.retries()).isZero();
    }

    private EmbeddedPostgres start(int port) throws IOException {
        return EmbeddedPostgres.builder().setDataDirectory(dir.resolve("pg")).setCleanDataDirectory(false)
                .setPort(port).start();
    }

    private static SignerState state(long height) {
        return new SignerState(height, 0, SignStep.PREVOTE, Bytes.EMPTY, Bytes.EMPTY, Bytes.EMPTY, -1, null, -1, null,
                List.of(), List.of());
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
