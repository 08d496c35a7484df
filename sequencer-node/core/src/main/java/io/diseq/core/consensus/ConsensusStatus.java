package io.diseq.core.consensus;

/** A read-only snapshot of the core's position (docs/protocol.md §7.12), for the REST consensus endpoint and the simulator. */
public record ConsensusStatus(long height, int round, Step step, boolean waiting, int lockedRound, int validRound) {}
