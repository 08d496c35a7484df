package io.diseq.node.sync;

/**
 * Catch-up settings (docs/operations-node.md).
 *
 * @param batchBlocks      blocks asked for per request
 * @param maxResponseBytes largest response body accepted (and served)
 * @param requestTimeoutMs timeout of one request to a peer
 * @param lagHeights       sync at once when a peer is this many heights ahead
 * @param graceMs          also sync when a peer has been ahead (by any amount) for this long
 * @param retryMs          pause after a failed request before trying the next peer
 */
public record SyncSettings(int batchBlocks, int maxResponseBytes, long requestTimeoutMs, long lagHeights,
                           long graceMs, long retryMs) {
    public SyncSettings {
        if (batchBlocks < 1 || maxResponseBytes < 1 || requestTimeoutMs < 1 || lagHeights < 1 || graceMs < 0
                || retryMs < 1) {
            throw new IllegalArgumentException("invalid sync settings");
        }
    }
}
