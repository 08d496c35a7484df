package io.diseq.devnet;

import ch.qos.logback.classic.Level;
import io.dropwizard.core.Application;
import io.dropwizard.core.Configuration;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Dropwizard application (a validator or ingest) running in the devnet's JVM, started and stopped
 * with Dropwizard's own lifecycle harness ({@link DropwizardTestSupport}: the same start-up as
 * {@code server config.yml}, and a stop that runs every Managed object's {@code stop}).
 *
 * <p>In-process rather than child JVMs: one JVM is lighter on a laptop (one set of Kafka and
 * Dropwizard classes), Ctrl-C stops everything in a defined order from one shutdown hook, and no
 * process can be left behind.
 */
final class InProcessApp<C extends Configuration> implements AutoCloseable {
    private final String name;
    private final DropwizardTestSupport<C> support;
    private volatile boolean running;

    InProcessApp(String name, Class<? extends Application<C>> type, Path config, Path logFile) {
        this.name = name;
        this.support = new DropwizardTestSupport<>(type, config.toString(), "devnet-" + name,
                ConfigOverride.config("devnet-" + name, "logging.appenders[0].currentLogFilename", logFile.toString()));
    }

    void start() throws Exception {
        support.before();
        running = true;
    }

    String name() {
        return name;
    }

    boolean running() {
        return running;
    }

    C configuration() {
        return support.getConfiguration();
    }

    /**
     * Stopping an application resets logging to Dropwizard's INFO console default; the applications
     * still running (and the broker) would then flood the console during shutdown.
     */
    private static void quietLogging() {
        if (LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME) instanceof ch.qos.logback.classic.Logger root) {
            root.setLevel(Level.WARN);
        }
    }

    @Override
    public void close() {
        if (running) {
            running = false;
            support.after();
            quietLogging();
        }
    }
}
