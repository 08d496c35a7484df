package io.diseq.node.consensus;

/**
 * Settings of the consensus driver thread (docs/operations-node.md).
 *
 * @param pollIntervalMs        longest wait for gossip before the loop looks at input, synced blocks and timers
 * @param rebroadcastIntervalMs how often the latest own messages of the current height are sent again
 * @param statusIntervalMs      how often the latest decided height is announced to peers (STATUS)
 * @param syncQueueBlocks       synced blocks queued for the driver at most
 * @param gossipBatch           envelopes taken from the inbox per iteration at most
 */
public record DriverSettings(long pollIntervalMs, long rebroadcastIntervalMs, long statusIntervalMs,
                             int syncQueueBlocks, int gossipBatch) {
    public DriverSettings {
        if (pollIntervalMs < 1 || rebroadcastIntervalMs < 1 || statusIntervalMs < 1 || syncQueueBlocks < 1
                || gossipBatch < 1) {
            throw new IllegalArgumentException("invalid driver settings");
        }
    }
}
