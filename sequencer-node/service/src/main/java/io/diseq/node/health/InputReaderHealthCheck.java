package io.diseq.node.health;

import com.codahale.metrics.health.HealthCheck;
import io.diseq.node.input.InputReader;

/**
 * Unhealthy when the input reader's poll loop has stopped, or when partitions were added to the
 * input topic after start-up (this validator cannot use them until restarted); the message names
 * the cause to act on.
 */
public final class InputReaderHealthCheck extends HealthCheck {
    private final InputReader reader;

    public InputReaderHealthCheck(InputReader reader) {
        this.reader = reader;
    }

    @Override
    protected Result check() {
        Throwable failure = reader.failure();
        if (failure != null) {
            return Result.unhealthy("input reader stopped: " + failure);
        }
        if (!reader.isRunning()) {
            return Result.unhealthy("input reader is not running");
        }
        if (!reader.addedPartitions().isEmpty()) {
            return Result.unhealthy("partitions " + reader.addedPartitions() + " were added to " + reader.messagesTopic()
                    + " after this validator started; it cannot sequence or validate blocks that use them until"
                    + " restarted: restart every validator (docs/runbooks.md, \"Adding input partitions\")");
        }
        return Result.healthy();
    }
}
