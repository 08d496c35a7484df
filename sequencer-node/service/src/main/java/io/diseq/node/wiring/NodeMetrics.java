package io.diseq.node.wiring;

import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;
import io.diseq.node.gossip.GossipClient;
import io.diseq.node.gossip.GossipInbox;
import io.diseq.node.gossip.PeerStatus;
import io.diseq.node.input.InputWindow;
import io.diseq.node.input.PartitionFill;
import io.diseq.node.publish.BlockPublisher;

/**
 * Gauges over the service components (docs/operations-node.md §Metrics). Each reads a component's
 * thread-safe snapshot on scrape; none touches the database or Kafka.
 */
final class NodeMetrics {
    private NodeMetrics() {
    }

    static void register(MetricRegistry metrics, InputWindow window, BlockPublisher publisher, GossipInbox inbox,
                         GossipClient client) {
        metrics.register("input.window.records", (Gauge<Long>) () ->
                window.fill().stream().mapToLong(PartitionFill::records).sum());
        metrics.register("input.window.bytes", (Gauge<Long>) () ->
                window.fill().stream().mapToLong(PartitionFill::bytes).sum());
        metrics.register("input.window.fullPartitions", (Gauge<Long>) () ->
                window.fill().stream().filter(PartitionFill::full).count());
        metrics.register("publisher.publishedHeight", (Gauge<Long>) publisher::publishedHeight);
        metrics.register("publisher.active", (Gauge<Integer>) () ->
                publisher.role() == BlockPublisher.Role.ACTIVE ? 1 : 0);
        metrics.register("publisher.standbyReadFailures", (Gauge<Long>) publisher::standbyReadFailures);
        metrics.register("publisher.storageFailures", (Gauge<Long>) publisher::storageFailures);
        metrics.register("publisher.settleWaits", (Gauge<Long>) publisher::settleWaits);
        metrics.register("publisher.hangingTransactionsAborted", (Gauge<Long>) publisher::hangingTransactionsAborted);
        metrics.register("gossip.inbox.size", (Gauge<Integer>) inbox::size);
        metrics.register("gossip.peers.reachable", (Gauge<Long>) () ->
                client.peers().stream().filter(PeerStatus::reachable).count());
        metrics.register("gossip.outbound.dropped", (Gauge<Long>) () ->
                client.peers().stream().mapToLong(PeerStatus::dropped).sum());
    }
}
