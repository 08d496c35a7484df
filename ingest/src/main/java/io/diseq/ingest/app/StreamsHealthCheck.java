package io.diseq.ingest.app;

import com.codahale.metrics.health.HealthCheck;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;

/** Healthy while Kafka Streams is RUNNING; otherwise says what the state means for an operator. */
public final class StreamsHealthCheck extends HealthCheck {
    private final Supplier<KafkaStreams.State> state;

    public StreamsHealthCheck(Supplier<KafkaStreams.State> state) {
        this.state = state;
    }

    @Override
    protected Result check() {
        KafkaStreams.State s = state.get();
        return switch (s) {
            case RUNNING -> Result.healthy("RUNNING");
            case CREATED, REBALANCING -> Result.unhealthy(s + ": partitions are being assigned; "
                    + "lasts seconds unless instances keep joining and leaving");
            case ERROR, PENDING_ERROR -> Result.unhealthy(s + ": a stream thread failed; see the log for the cause "
                    + "and restart the service");
            default -> Result.unhealthy(s + ": Kafka Streams is not running; restart the service");
        };
    }
}
