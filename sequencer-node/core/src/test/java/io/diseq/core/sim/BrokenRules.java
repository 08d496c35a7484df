package io.diseq.core.sim;

import io.diseq.core.chain.ConsensusCrypto;
import io.diseq.core.chain.Validator;
import io.diseq.core.chain.ValidatorSet;
import io.diseq.core.consensus.ConsensusRules;
import io.diseq.core.util.Bytes;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Deliberately broken consensus rules, plugged into real cores through the {@link ConsensusRules} hook, to
 * show that the simulator's invariants have teeth (docs/simulation.md, "Teeth"). Never used outside tests.
 * {@link Bug} lists the twelve planted bugs of issue 11 plus the older {@code ignorelock}; each is one
 * override of one hook, every other rule stays standard.
 */
final class BrokenRules {
    private BrokenRules() {
    }

    /** One planted bug: its {@code sim.rules} name and the broken rules that plant it. */
    enum Bug {
        DUPLICATE_SIGNER("duplicatesigner"),
        QUORUM_2F("quorum2f"),
        QUORUM_2F_VALIDATOR_SET("quorum2fset"),
        RESIGN_SAME_SLOT("resign"),
        LOCK_KEPT("lockkept"),
        IGNORE_LOCK_ON_REPROPOSAL("ignorelock29"),
        DECIDE_CURRENT_ROUND_ONLY("currentround"),
        SKIP_ON_F("skiponf"),
        ANY_PROPOSER("anyproposer"),
        UNVERIFIED_VRF("novrf"),
        RANGE_NOT_AT_NEXT("rangegap"),
        VOTE_BEFORE_PERSIST("votefirst"),
        IGNORE_LOCK("ignorelock");

        final String id;

        Bug(String id) {
            this.id = id;
        }

        ConsensusRules rules() {
            return new Planted(this);
        }
    }

    /** The rules of one planted bug: standard except for the one hook that bug names. */
    static final class Planted extends ConsensusRules {
        final Bug bug;

        Planted(Bug bug) {
            this.bug = bug;
        }

        @Override
        public int quorum(ValidatorSet validators) {
            return bug == Bug.QUORUM_2F ? 2 * validators.maxFaulty() : super.quorum(validators);
        }

        @Override
        public int skipThreshold(ValidatorSet validators) {
            return bug == Bug.SKIP_ON_F ? validators.maxFaulty() : super.skipThreshold(validators);
        }

        @Override
        public boolean honorLock() {
            return bug != Bug.IGNORE_LOCK;
        }

        @Override
        public boolean honorLockOnReproposal() {
            return bug != Bug.IGNORE_LOCK_ON_REPROPOSAL;
        }

        @Override
        public boolean countEachSignerOnce() {
            return bug != Bug.DUPLICATE_SIGNER;
        }

        @Override
        public boolean refuseSecondSignature() {
            return bug != Bug.RESIGN_SAME_SLOT;
        }

        @Override
        public boolean resetLockAtNewHeight() {
            return bug != Bug.LOCK_KEPT;
        }

        @Override
        public boolean decideInAnyRound() {
            return bug != Bug.DECIDE_CURRENT_ROUND_ONLY;
        }

        @Override
        public boolean requireSelectedProposer() {
            return bug != Bug.ANY_PROPOSER;
        }

        @Override
        public boolean requireContiguousRanges() {
            return bug != Bug.RANGE_NOT_AT_NEXT;
        }

        @Override
        public boolean persistBeforeVote() {
            return bug != Bug.VOTE_BEFORE_PERSIST;
        }

        @Override
        public ConsensusCrypto crypto(ConsensusCrypto crypto) {
            return bug == Bug.UNVERIFIED_VRF ? new UnverifiedVrf(crypto) : crypto;
        }
    }

    /**
     * A crypto port that does not verify ECVRF proofs: a proof that fails verification still yields an output,
     * derived from pi alone ({@link #unverifiedOutput}), so a committer holding such a core can pick the proposer.
     */
    private record UnverifiedVrf(ConsensusCrypto inner) implements ConsensusCrypto {
        @Override
        public byte[] sign(byte[] message) {
            return inner.sign(message);
        }

        @Override
        public byte[] vrfProve(byte[] alpha) {
            return inner.vrfProve(alpha);
        }

        @Override
        public boolean verify(Bytes signingKey, byte[] message, Bytes signature) {
            return inner.verify(signingKey, message, signature);
        }

        @Override
        public Optional<byte[]> vrfVerify(Bytes vrfKey, Bytes pi, byte[] alpha) {
            Optional<byte[]> verified = inner.vrfVerify(vrfKey, pi, alpha);
            return verified.isPresent() || pi == null ? verified : Optional.of(unverifiedOutput(pi));
        }
    }

    /** The output an unverified proof yields in {@link Bug#UNVERIFIED_VRF} (what a VRF grinder aims at). */
    static byte[] unverifiedOutput(Bytes pi) {
        byte[] h = io.diseq.core.crypto.Keccak256.hash(pi.toArray());
        byte[] beta = java.util.Arrays.copyOf(h, 64);
        System.arraycopy(h, 0, beta, 32, 32);
        return beta;
    }

    /** A validator set whose quorum is 2f (the {@link Bug#QUORUM_2F_VALIDATOR_SET} bug): the whole core uses it. */
    private static final class QuorumOf2fSet extends ValidatorSet {
        QuorumOf2fSet(List<Validator> validators) {
            super(validators);
        }

        @Override
        public int quorum() {
            return 2 * maxFaulty();
        }
    }

    /** The validator set a run's chain uses: the planted 2f-quorum set for that bug, else the real one. */
    static ValidatorSet validatorSet(ConsensusRules rules, List<Validator> validators) {
        return rules instanceof Planted p && p.bug == Bug.QUORUM_2F_VALIDATOR_SET
                ? new QuorumOf2fSet(validators) : new ValidatorSet(validators);
    }

    /** Parses the {@code sim.rules} property: standard or a planted bug's name. */
    static ConsensusRules parse(String name) {
        String n = name == null ? "standard" : name.toLowerCase(Locale.ROOT);
        if (n.equals("standard")) {
            return ConsensusRules.STANDARD;
        }
        for (Bug b : Bug.values()) {
            if (b.id.equals(n)) {
                return b.rules();
            }
        }
        throw new IllegalArgumentException("sim.rules must be standard or one of " + List.of(Bug.values()) + ": " + name);
    }

    static String name(ConsensusRules rules) {
        return rules instanceof Planted p ? p.bug.id : "standard";
    }
}
