package io.diseq.core.consensus;

/** What a scheduled timeout is for (docs/protocol.md §7.12–7.13). */
public enum TimeoutStep {
    PROPOSE,
    PREVOTE,
    PRECOMMIT,
    /** The idle height's empty-block interval elapsed (round 0 only). */
    EMPTY_BLOCK
}
