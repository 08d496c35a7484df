package io.diseq.node.store;

/** One row of {@code blocks}: a decided block's header (RLP) and quorum certificate as stored. */
public record BlockRow(long height, byte[] blockId, byte[] headerRlp, byte[] certificate, long blockTimeMs) {
}
