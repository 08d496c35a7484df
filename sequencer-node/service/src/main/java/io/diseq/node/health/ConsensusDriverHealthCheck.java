package io.diseq.node.health;

import com.codahale.metrics.health.HealthCheck;
import io.diseq.node.consensus.ConsensusDriver;

/**
 * Unhealthy when the consensus driver thread is not running: it stopped on an unexpected error (the
 * node signs nothing more; the message names the cause) or was never started; and while it waits for an
 * unavailable database to take a signer-state or consensus-log write.
 */
public final class ConsensusDriverHealthCheck extends HealthCheck {
    private final ConsensusDriver driver;

    public ConsensusDriverHealthCheck(ConsensusDriver driver) {
        this.driver = driver;
    }

    @Override
    protected Result check() {
        Throwable failure = driver.failure();
        if (failure != null) {
            return Result.unhealthy("consensus driver stopped, no more signing: " + failure);
        }
        long since = driver.storageUnavailableSinceMs();
        if (since >= 0) {
            return Result.unhealthy("consensus driver waiting for the database since " + java.time.Instant.ofEpochMilli(since)
                    + " (retrying; nothing is signed meanwhile): " + driver.lastStorageError());
        }
        return driver.alive() ? Result.healthy() : Result.unhealthy("consensus driver is not running");
    }
}
