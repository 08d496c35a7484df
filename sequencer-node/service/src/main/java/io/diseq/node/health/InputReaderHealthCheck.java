package io.diseq.node.health;

import com.codahale.metrics.health.HealthCheck;
import io.diseq.node.input.InputReader;

/** Unhealthy when the input reader's poll loop has stopped; the message names the cause to act on. */
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
        return reader.isRunning() ? Result.healthy() : Result.unhealthy("input reader is not running");
    }
}
