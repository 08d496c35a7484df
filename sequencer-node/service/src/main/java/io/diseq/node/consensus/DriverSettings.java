package io.diseq.node.consensus;

import io.diseq.core.runtime.RuntimeSettings;

/**
 * Settings of the consensus driver and its workers (docs/operations-node.md, "consensus").
 *
 * @param pollIntervalMs        longest wait of the driver thread for an input before it looks at the clock again
 * @param runtime               the node runtime's tuning (timers aside, which are chain parameters)
 * @param fetchMaxResponseBytes largest catch-up response accepted (and served)
 * @param serveBlocks           most blocks this node serves per catch-up request
 */
public record DriverSettings(long pollIntervalMs, RuntimeSettings runtime, int fetchMaxResponseBytes,
                             int serveBlocks) {
    public DriverSettings {
        if (pollIntervalMs < 1 || fetchMaxResponseBytes < 1 || serveBlocks < 1) {
            throw new IllegalArgumentException("invalid driver settings");
        }
    }
}
