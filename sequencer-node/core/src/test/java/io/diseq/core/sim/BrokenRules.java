package io.diseq.core.sim;

import io.diseq.core.chain.ValidatorSet;
import io.diseq.core.consensus.ConsensusRules;

/**
 * Deliberately broken consensus rules, plugged into real cores through the {@link ConsensusRules} hook, to
 * show that the simulator's invariants have teeth (docs/simulation.md, "Teeth"). Never used outside tests.
 */
final class BrokenRules {
    private BrokenRules() {
    }

    /** Counts 2f validators as a quorum instead of 2f+1. */
    static final class QuorumOf2f extends ConsensusRules {
        @Override
        public int quorum(ValidatorSet validators) {
            return 2 * validators.maxFaulty();
        }
    }

    /** Prevotes for any valid proposal, ignoring its lock (Algorithm 1 lines 23 and 29 without the lock). */
    static final class IgnoreLock extends ConsensusRules {
        @Override
        public boolean honorLock() {
            return false;
        }
    }

    /** Parses the {@code sim.rules} property: standard, quorum2f or ignorelock. */
    static ConsensusRules parse(String name) {
        return switch (name == null ? "standard" : name.toLowerCase(java.util.Locale.ROOT)) {
            case "standard" -> ConsensusRules.STANDARD;
            case "quorum2f" -> new QuorumOf2f();
            case "ignorelock" -> new IgnoreLock();
            default -> throw new IllegalArgumentException("sim.rules must be standard, quorum2f or ignorelock: " + name);
        };
    }

    static String name(ConsensusRules rules) {
        if (rules instanceof QuorumOf2f) {
            return "quorum2f";
        }
        return rules instanceof IgnoreLock ? "ignorelock" : "standard";
    }
}
