package io.diseq.core.consensus;

/** The step of the current round (Algorithm 1's step_p; docs/protocol.md §7.12). */
public enum Step {
    PROPOSE,
    PREVOTE,
    PRECOMMIT
}
