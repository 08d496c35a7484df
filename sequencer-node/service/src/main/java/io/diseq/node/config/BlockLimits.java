package io.diseq.node.config;

/**
 * Per-block and per-message bounds (docs/protocol.md §7): a proposal's offset ranges may reach at
 * most {@code maxMessages} records and {@code maxBytes} payload bytes; a message is 1 to
 * {@code maxMessageBytes} bytes; a header's timestamp may lead the local clock by at most
 * {@code maxClockDriftMs}.
 */
public record BlockLimits(int maxMessages, long maxBytes, int maxMessageBytes, long maxClockDriftMs) {
    public BlockLimits {
        if (maxMessages < 1 || maxBytes < 1 || maxMessageBytes < 1 || maxClockDriftMs < 0) {
            throw new IllegalArgumentException("block limits must be positive");
        }
        if (maxBytes < maxMessageBytes) {
            throw new IllegalArgumentException("maxBytes must admit at least one maximal message");
        }
    }
}
