package io.diseq.core.consensus;

/** The two Tendermint vote kinds (docs/protocol.md §7.9). */
public enum VoteType {
    PREVOTE,
    PRECOMMIT
}
