package io.diseq.core.consensus;

import io.diseq.core.chain.ConsensusCrypto;
import io.diseq.core.chain.ValidatorSet;

/**
 * The thresholds and rule switches the state machine applies (docs/protocol.md §7.1, §7.12). Production
 * always uses {@link #STANDARD}. The class is open only so that the simulator's planted-bug tests can
 * build deliberately broken cores (docs/simulation.md, "Teeth": a quorum of 2f, a node that ignores its
 * lock, a signer that re-signs, ...) and show that the simulation catches each one; every hook here
 * defaults to the correct behaviour, and certificate verification never consults these rules.
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

    /** Whether the lock restricts prevotes on a re-proposal (Algorithm 1 line 29). */
    public boolean honorLockOnReproposal() {
        return true;
    }

    /** Whether a second vote of one validator for one value is refused rather than counted again (§7.9). */
    public boolean countEachSignerOnce() {
        return true;
    }

    /** Whether the signer refuses different bytes at the slot it last signed (§7.14). */
    public boolean refuseSecondSignature() {
        return true;
    }

    /** Whether the lock is cleared when a new height starts (Algorithm 1 line 10). */
    public boolean resetLockAtNewHeight() {
        return true;
    }

    /** Whether 2f+1 precommits of any round of the height decide, not only of the current round (lines 49–54). */
    public boolean decideInAnyRound() {
        return true;
    }

    /** Whether a proposal must come from the validator its round's commitment selects (§7.6). */
    public boolean requireSelectedProposer() {
        return true;
    }

    /** Whether a block's ranges must start at the next unsequenced offset (§7.11). */
    public boolean requireContiguousRanges() {
        return true;
    }

    /** Whether a vote's signer state is persisted before the vote is broadcast (§7.14). */
    public boolean persistBeforeVote() {
        return true;
    }

    /** The crypto port the core uses; production: the one it was given (the VRF proof is verified). */
    public ConsensusCrypto crypto(ConsensusCrypto crypto) {
        return crypto;
    }
}
