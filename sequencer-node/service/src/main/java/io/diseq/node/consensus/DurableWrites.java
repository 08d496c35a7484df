package io.diseq.node.consensus;

import io.diseq.node.store.StorageErrors;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The driver's synchronous writes (signer state, consensus log), retried while the database is unavailable
 * instead of stopping the node: the write is an idempotent upsert, and until it succeeds the driver performs
 * nothing after it, so no vote leaves the process before the state that guards it is durable. Any other
 * failure is thrown at once (the driver then stops, as for every broken invariant). Runs on the driver thread;
 * the figures are read by the health check and metrics from any thread.
 */
final class DurableWrites {
    private static final Logger LOG = LoggerFactory.getLogger(DurableWrites.class);
    private static final long FIRST_PAUSE_MS = 50;
    private static final long MAX_PAUSE_MS = 2_000;
    private static final long LOG_EVERY_MS = 10_000;

    private final Runnable onRetry;
    private final AtomicLong retries = new AtomicLong();
    private volatile long unavailableSinceMs = -1;
    private volatile String lastError = "";

    /** @param onRetry told of every failed attempt (the node's {@code consensus.storageRetries} counter) */
    DurableWrites(Runnable onRetry) {
        this.onRetry = onRetry;
    }

    /** Performs {@code write}, retrying while the database is unavailable. */
    void write(String what, Runnable write) {
        long pauseMs = FIRST_PAUSE_MS;
        long lastLogMs = Long.MIN_VALUE;
        while (true) {
            try {
                write.run();
                if (unavailableSinceMs >= 0) {
                    LOG.info("database available again: {} written after {} ms", what, System.currentTimeMillis() - unavailableSinceMs);
                    unavailableSinceMs = -1;
                }
                return;
            } catch (RuntimeException e) {
                if (!StorageErrors.isUnavailable(e)) {
                    throw e;
                }
                long now = System.currentTimeMillis();
                if (unavailableSinceMs < 0) {
                    unavailableSinceMs = now;
                }
                lastError = e.toString();
                retries.incrementAndGet();
                onRetry.run();
                if (lastLogMs == Long.MIN_VALUE || now - lastLogMs >= LOG_EVERY_MS) {
                    lastLogMs = now;
                    LOG.warn("database unavailable for {} ms; retrying the {} write before anything else ({})",
                            now - unavailableSinceMs, what, e.toString());
                }
            }
            try {
                Thread.sleep(pauseMs); // an interrupt (the node stopping) ends the retries
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("stopped while waiting for the database to write " + what, e);
            }
            pauseMs = Math.min(MAX_PAUSE_MS, pauseMs * 2);
        }
    }

    /** Retries so far (each a failed attempt while the database was unavailable). */
    long retries() {
        return retries.get();
    }

    /** Since when a write has been waiting for the database, or -1 if none is. */
    long unavailableSinceMs() {
        return unavailableSinceMs;
    }

    String lastError() {
        return lastError;
    }
}
