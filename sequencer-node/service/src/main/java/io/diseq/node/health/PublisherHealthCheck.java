package io.diseq.node.health;

import com.codahale.metrics.health.HealthCheck;
import io.diseq.node.publish.BlockPublisher;

/**
 * Unhealthy only when the publisher stopped on an unexpected error (e.g. the block topic disagrees
 * with this validator's store). Standing by is healthy: one validator publishes at a time.
 */
public final class PublisherHealthCheck extends HealthCheck {
    private final BlockPublisher publisher;

    public PublisherHealthCheck(BlockPublisher publisher) {
        this.publisher = publisher;
    }

    @Override
    protected Result check() {
        Throwable failure = publisher.failure();
        if (failure != null) {
            return Result.unhealthy("block publisher stopped: " + failure);
        }
        return Result.healthy("role " + publisher.role() + ", topic at height " + publisher.publishedHeight());
    }
}
