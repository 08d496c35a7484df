package io.diseq.node.health;

import com.codahale.metrics.health.HealthCheck;
import io.dropwizard.lifecycle.Managed;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

/** Healthy when the Kafka cluster answers a metadata request within the timeout. */
public final class KafkaHealthCheck extends HealthCheck implements Managed {
    private final Admin admin;
    private final Duration timeout;

    public KafkaHealthCheck(String bootstrapServers, Duration timeout) {
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis()));
        this.timeout = timeout;
    }

    @Override
    protected Result check() throws Exception {
        int brokers = admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) timeout.toMillis()))
                .nodes().get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS).size();
        return brokers > 0 ? Result.healthy(brokers + " broker(s) reachable") : Result.unhealthy("no broker reachable");
    }

    @Override
    public void stop() {
        admin.close(Duration.ofSeconds(5));
    }
}
