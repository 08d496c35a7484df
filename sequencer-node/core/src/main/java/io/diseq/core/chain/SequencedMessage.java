package io.diseq.core.chain;

import io.diseq.core.util.Bytes;

/** A message as decided: its index in the block, where it came from, its id and its bytes (docs/protocol.md §7.11). */
public record SequencedMessage(int index, int partition, long offset, Bytes messageId, Bytes payload) {}
