package io.diseq.ingest.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.MetricRegistry;
import io.diseq.schemas.IngestRejectCode;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Health-check verdicts per Streams state, and the metric names operators alert on. */
@Tag("unit")
class ServiceChecksTest {

    @Test
    void onlyRunningIsHealthyAndEveryOtherStateSaysWhatToDo() {
        assertThat(new StreamsHealthCheck(() -> KafkaStreams.State.RUNNING).execute().isHealthy()).isTrue();
        for (KafkaStreams.State state : KafkaStreams.State.values()) {
            if (state != KafkaStreams.State.RUNNING) {
                var result = new StreamsHealthCheck(() -> state).execute();
                assertThat(result.isHealthy()).as(state.name()).isFalse();
                assertThat(result.getMessage()).startsWith(state.name() + ": ");
            }
        }
        assertThat(new StreamsHealthCheck(() -> KafkaStreams.State.ERROR).execute().getMessage())
                .contains("restart");
    }

    @Test
    void everyRejectCodeHasAMeterFromTheStart() {
        MetricRegistry registry = new MetricRegistry();
        DropwizardIngestMetrics metrics = new DropwizardIngestMetrics(registry);
        for (IngestRejectCode code : IngestRejectCode.values()) {
            assertThat(registry.getMeters()).containsKey("diseq.ingest.rejected." + code.wire());
        }
        metrics.rejected(IngestRejectCode.OVERSIZED);
        metrics.accepted();
        metrics.duplicate();
        metrics.duplicate();
        metrics.purged(5);
        assertThat(registry.meter("diseq.ingest.rejected.OVERSIZED").getCount()).isEqualTo(1);
        assertThat(registry.meter("diseq.ingest.accepted").getCount()).isEqualTo(1);
        assertThat(registry.meter("diseq.ingest.duplicates").getCount()).isEqualTo(2);
        assertThat(registry.meter("diseq.ingest.dedup.purged").getCount()).isEqualTo(5);
    }
}
