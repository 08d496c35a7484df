package io.diseq.core.consensus;

/**
 * Evidence: one validator signed two different messages of one kind for one (h, r)
 * (docs/protocol.md §7.15). Both verify under its key; the second was not counted.
 */
public record Equivocation(int validatorIndex, ConsensusMessage first, ConsensusMessage second) {}
