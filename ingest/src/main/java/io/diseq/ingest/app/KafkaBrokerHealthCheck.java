package io.diseq.ingest.app;

import com.codahale.metrics.health.HealthCheck;
import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.Node;

/** Healthy if the cluster answers describeCluster within the timeout, with at least one broker. */
public final class KafkaBrokerHealthCheck extends HealthCheck {
    private final Admin admin;
    private final String bootstrapServers;
    private final Duration timeout;

    public KafkaBrokerHealthCheck(Admin admin, String bootstrapServers, Duration timeout) {
        this.admin = admin;
        this.bootstrapServers = bootstrapServers;
        this.timeout = timeout;
    }

    @Override
    protected Result check() throws InterruptedException {
        try {
            Collection<Node> nodes = admin.describeCluster().nodes().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return nodes.isEmpty()
                    ? Result.unhealthy("Kafka at " + bootstrapServers + " reports no brokers")
                    : Result.healthy(nodes.size() + " broker(s) reachable");
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            return Result.unhealthy("Kafka at " + bootstrapServers + " is not reachable within " + timeout
                    + ": " + e + "; check the brokers and the network");
        }
    }
}
