package io.diseq.core.consensus;

import io.diseq.core.chain.ValidatorSet;

/**
 * The thresholds and lock rule the state machine applies (docs/protocol.md §7.1, §7.12). Production
 * always uses {@link #STANDARD}. The class is open only so that the simulator's planted-bug tests can
 * build deliberately broken cores (a quorum of 2f, a node that ignores its lock) and show that the
 * safety checks catch them; certificate verification never consults these rules.
 */
public class ConsensusRules {
    public static final ConsensusRules STANDARD = new ConsensusRules();

    protected ConsensusRules() {}

    /** Distinct validators needed for a polka, a precommit quorum or a decision: ⌊2n/3⌋+1. */
    public int quorum(ValidatorSet validators) {
        return validators.quorum();
    }

    /** Distinct validators of a higher round that make a node skip to it: f+1. */
    public int skipThreshold(ValidatorSet validators) {
        return validators.oneHonest();
    }

    /** Whether the lock restricts prevotes (Algorithm 1 lines 23 and 29). */
    public boolean honorLock() {
        return true;
    }
}
