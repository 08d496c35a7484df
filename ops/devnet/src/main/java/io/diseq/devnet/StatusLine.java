package io.diseq.devnet;

import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * Formats the devnet's one-line status: height, finalized messages per second, time to finality
 * (p50/p99, worst over the validators that report it) and validators up. Unknown values print as
 * "n/a" so that a missing node feature is visible rather than shown as zero.
 */
final class StatusLine {
    private StatusLine() {
    }

    static String format(List<NodeStatus> nodes, long topicHeight, double messagesPerSecond, long loadSent) {
        long up = nodes.stream().filter(NodeStatus::up).count();
        long nodeHeight = nodes.stream().filter(NodeStatus::up).mapToLong(s -> s.height().orElse(-1)).max().orElse(-1);
        long height = Math.max(nodeHeight, topicHeight);
        String line = String.format(Locale.ROOT, "height %s | %.1f msg/s finalized | ttf p50 %s p99 %s | validators up %d/%d",
                height < 0 ? "n/a" : String.valueOf(height), messagesPerSecond,
                ms(worst(nodes, true)), ms(worst(nodes, false)), up, nodes.size());
        return loadSent > 0 ? line + " | load sent " + loadSent : line;
    }

    private static OptionalDouble worst(List<NodeStatus> nodes, boolean p50) {
        return nodes.stream().map(s -> p50 ? s.ttfP50Ms() : s.ttfP99Ms()).filter(OptionalDouble::isPresent)
                .mapToDouble(OptionalDouble::getAsDouble).max();
    }

    private static String ms(OptionalDouble value) {
        return value.isPresent() ? String.format(Locale.ROOT, "%.0f ms", value.getAsDouble()) : "n/a";
    }
}
