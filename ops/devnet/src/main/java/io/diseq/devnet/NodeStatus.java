package io.diseq.devnet;

import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * What the devnet's status line shows of one validator. Every field is optional: a node that does
 * not expose a value yet (its REST API or a metric is missing) shows as unknown, never as zero.
 *
 * @param up the node answers on its admin port
 * @param height latest finalized height the node reports
 * @param ttfP50Ms median time to finality in milliseconds (node metric)
 * @param ttfP99Ms 99th percentile time to finality in milliseconds (node metric)
 */
public record NodeStatus(String id, boolean up, OptionalLong height, OptionalDouble ttfP50Ms, OptionalDouble ttfP99Ms) {
    public static NodeStatus down(String id) {
        return new NodeStatus(id, false, OptionalLong.empty(), OptionalDouble.empty(), OptionalDouble.empty());
    }
}
