package io.diseq.node.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.MetricRegistry;
import io.diseq.core.util.Bytes;
import io.diseq.node.consensus.NodeStatusView;
import io.diseq.node.health.ConsensusLagHealthCheck;
import io.diseq.node.input.InputWindow;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The gauges follow the status view and the window on every read. */
@Tag("unit")
class StatusGaugesTest {
    /** A status whose height and peers the test changes. */
    private static final class Changing implements NodeStatusView {
        private volatile long height;
        private volatile List<PeerView> peers;

        Changing(long height, List<PeerView> peers) {
            set(height, peers);
        }

        void set(long newHeight, List<PeerView> newPeers) {
            this.height = newHeight;
            this.peers = newPeers;
        }

        @Override
        public String chainId() {
            return "devnet";
        }

        @Override
        public long height() {
            return height;
        }

        @Override
        public Bytes latestBlockId() {
            return Bytes.wrap(new byte[32]);
        }

        @Override
        public int round() {
            return 0;
        }

        @Override
        public String step() {
            return "PROPOSE";
        }

        @Override
        public boolean waiting() {
            return false;
        }

        @Override
        public boolean catchingUp() {
            return false;
        }

        @Override
        public List<CommitmentSeen> commitments() {
            return List.of();
        }

        @Override
        public List<PeerView> peers() {
            return peers;
        }
    }

    private final MetricRegistry registry = new MetricRegistry();

    @Test
    void gaugesReadTheLiveStatusAndWindow() {
        Changing status = new Changing(5, List.of(new NodeStatusView.PeerView(1, true, 5),
                new NodeStatusView.PeerView(2, false, -1)));
        StatusGauges.register(registry, status, new InputWindow(Map.of(0, 0L, 1, 0L), 10, 1000), 10, 1000, 3);

        assertThat(gauge(StatusGauges.PEERS_REACHABLE)).isEqualTo(1L);
        assertThat(gauge("consensus.peer.0.reachable")).isEqualTo(-1);
        assertThat(gauge("consensus.peer.1.reachable")).isEqualTo(1);
        assertThat(gauge("consensus.peer.2.reachable")).isEqualTo(0);
        assertThat(gauge(StatusGauges.HEIGHTS_BEHIND)).isEqualTo(0L);
        assertThat(gauge(StatusGauges.WINDOW_FILL)).isEqualTo(0.0);

        status.set(7, List.of(new NodeStatusView.PeerView(1, false, 1007), new NodeStatusView.PeerView(2, true, 9)));
        assertThat(gauge(StatusGauges.HEIGHTS_BEHIND)).isEqualTo(1000L);
        assertThat(gauge("consensus.peer.1.reachable")).isEqualTo(0);
        assertThat(gauge("consensus.peer.2.reachable")).isEqualTo(1);
    }

    /** With 4 validators (f = 1) a height counts only once two peers report it: one liar moves nothing. */
    @Test
    void lagFollowsTheHeightThatFPlusOnePeersVouchFor() {
        Changing status = new Changing(7, List.of(new NodeStatusView.PeerView(0, true, 1_000_000),
                new NodeStatusView.PeerView(1, true, 9), new NodeStatusView.PeerView(2, true, 8)));
        StatusGauges.register(registry, status, new InputWindow(Map.of(0, 0L), 10, 1000), 10, 1000, 3);
        ConsensusLagHealthCheck lag = new ConsensusLagHealthCheck(status, 10);

        assertThat(status.vouchedPeerHeight()).isEqualTo(9);
        assertThat(gauge(StatusGauges.HEIGHTS_BEHIND)).isEqualTo(2L);
        assertThat(lag.execute().isHealthy()).isTrue();

        status.set(7, List.of(new NodeStatusView.PeerView(0, true, 1_000_000),
                new NodeStatusView.PeerView(1, true, 100), new NodeStatusView.PeerView(2, false, -1)));
        assertThat(gauge(StatusGauges.HEIGHTS_BEHIND)).isEqualTo(93L);
        assertThat(lag.execute().isHealthy()).isFalse();
        assertThat(lag.execute().getMessage()).contains("lagging 93 heights");

        status.set(7, List.of(new NodeStatusView.PeerView(0, true, 1_000_000),
                new NodeStatusView.PeerView(1, false, -1), new NodeStatusView.PeerView(2, false, -1)));
        assertThat(status.vouchedPeerHeight()).isEqualTo(-1);
        assertThat(gauge(StatusGauges.HEIGHTS_BEHIND)).isEqualTo(0L);
        assertThat(lag.execute().isHealthy()).isTrue();
    }

    private Object gauge(String name) {
        return registry.getGauges().get(name).getValue();
    }
}
