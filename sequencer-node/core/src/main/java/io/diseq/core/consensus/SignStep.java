package io.diseq.core.consensus;

/** The kinds of signature a validator gives per (h, r), in the only order it gives them (docs/protocol.md §7.14). */
public enum SignStep {
    COMMITMENT,
    PROPOSAL,
    PREVOTE,
    PRECOMMIT
}
