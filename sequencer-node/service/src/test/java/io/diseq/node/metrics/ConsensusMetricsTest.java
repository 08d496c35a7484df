package io.diseq.node.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.MetricRegistry;
import io.diseq.core.chain.RejectCode;
import io.diseq.core.consensus.Step;
import io.diseq.core.util.Bytes;
import io.diseq.node.consensus.NodeStatusView;
import io.diseq.node.input.InputWindow;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Gauges follow the status view on every read; event metrics are shared by name. */
@Tag("unit")
class ConsensusMetricsTest {
    private final MetricRegistry registry = new MetricRegistry();
    private final AtomicReference<NodeStatusView.Snapshot> current = new AtomicReference<>(snapshot(5, 0, false, 4,
            List.of(new NodeStatusView.Peer(1, true), new NodeStatusView.Peer(2, false))));

    private static NodeStatusView.Snapshot snapshot(long height, int round, boolean catchingUp, long target,
                                                    List<NodeStatusView.Peer> peers) {
        return new NodeStatusView.Snapshot("devnet", height, Bytes.wrap(new byte[32]), round, Step.PREVOTE, catchingUp,
                target, List.of(), peers);
    }

    @Test
    void gaugesReadTheLiveStatus() {
        ConsensusMetrics.registerGauges(registry, current::get, new InputWindow(Map.of(0, 0L), 10, 1000), 10, 1000,
                List.of(0, 1, 2));

        assertThat(gauge(ConsensusMetrics.HEIGHT)).isEqualTo(5L);
        assertThat(gauge(ConsensusMetrics.CATCH_UP_REMAINING)).isEqualTo(0L);
        assertThat(gauge(ConsensusMetrics.PEERS_REACHABLE)).isEqualTo(1L);
        assertThat(gauge("consensus.peer.0.reachable")).isEqualTo(-1);
        assertThat(gauge("consensus.peer.1.reachable")).isEqualTo(1);
        assertThat(gauge("consensus.peer.2.reachable")).isEqualTo(0);
        assertThat(gauge(ConsensusMetrics.WINDOW_FILL)).isEqualTo(0.0);

        current.set(snapshot(7, 2, true, 1006, List.of()));
        assertThat(gauge(ConsensusMetrics.HEIGHT)).isEqualTo(7L);
        assertThat(gauge(ConsensusMetrics.ROUND)).isEqualTo(2);
        assertThat(gauge(ConsensusMetrics.CATCHING_UP)).isEqualTo(1);
        assertThat(gauge(ConsensusMetrics.CATCH_UP_TARGET)).isEqualTo(1006L);
        assertThat(gauge(ConsensusMetrics.CATCH_UP_REMAINING)).isEqualTo(1000L);
    }

    @Test
    void eventsAreRecordedUnderStableNamesWhoeverHoldsTheHandle() {
        ConsensusMetrics.of(registry).blockDecided(12, 850);
        ConsensusMetrics.of(registry).blockDecided(0, -5);
        ConsensusMetrics.of(registry).rejected(RejectCode.BAD_SIGNATURE);

        assertThat(registry.histogram(ConsensusMetrics.MESSAGES_PER_BLOCK).getSnapshot().getMax()).isEqualTo(12);
        assertThat(registry.histogram(ConsensusMetrics.TIME_TO_FINALITY_MS).getSnapshot().getMin()).isZero();
        assertThat(registry.histogram(ConsensusMetrics.TIME_TO_FINALITY_MS).getCount()).isEqualTo(2);
        assertThat(registry.counter("consensus.rejected.BAD_SIGNATURE").getCount()).isEqualTo(1);
        assertThat(registry.getCounters()).containsKeys("consensus.rejected.EQUIVOCATION", "consensus.rejected.BAD_PROOF");
    }

    private Object gauge(String name) {
        return registry.getGauges().get(name).getValue();
    }
}
