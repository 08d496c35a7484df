package io.diseq.core.sim;

/**
 * A broken simulation invariant (docs/simulation.md, "Invariants"). The kind is stable so that tests
 * (for instance the ones that prove a deliberately broken core is caught) can assert on it.
 */
final class InvariantViolation extends RuntimeException {
    private static final long serialVersionUID = 1L;

    enum Kind {
        /** Two honest instances decided different blocks for one height. */
        CONFLICTING_DECISION(true),
        /** An instance decided a height out of order. */
        HEIGHT_OUT_OF_ORDER(true),
        /** A decided block does not name the decided block of the previous height as its parent. */
        BAD_PARENT(true),
        /** A decided block's timestamp is not after its parent's. */
        BAD_TIMESTAMP(true),
        /** A decided block's certificate lacks a quorum of distinct valid precommits, or holds a bad one. */
        BAD_CERTIFICATE(true),
        /** An honest validator signed two different values for one (height, round, step). */
        DOUBLE_SIGN(true),
        /** A message id was sequenced twice. */
        DUPLICATE_MESSAGE(true),
        /** A sequenced record is not in the input log, or a block's messages differ from its ranges. */
        UNKNOWN_RECORD(true),
        /** Per partition, the sequenced offsets are not contiguous. */
        NON_CONTIGUOUS_OFFSETS(true),
        /** An honest node sent its own signed message before the signer state covering it was durable. */
        SENT_BEFORE_DURABLE(true),
        /** An honest node announced (published) a block before its write completed. */
        PUBLISHED_BEFORE_DURABLE(true),
        /** Handling an untrusted input threw inside an honest node's runtime (the input was dropped). */
        UNTRUSTED_INPUT_THREW(true),
        /** A decided block's header names a committer, pi or proposer that the VRF does not select. */
        BAD_LEADER(true),
        /** An honest validator prevoted a block no proposal of the round's VRF-selected proposer carried. */
        UNSELECTED_PROPOSAL(true),
        /** An honest validator entered a round without f+1 senders of it and without having acted in the round before. */
        UNJUSTIFIED_ROUND(true),
        /** After faults healed, honest instances did not make progress within the bound. */
        NO_PROGRESS(false),
        /** After faults healed, a record in the input log was never sequenced. */
        RECORD_NOT_SEQUENCED(false);

        private final boolean safety;

        Kind(boolean safety) {
            this.safety = safety;
        }

        boolean safety() {
            return safety;
        }
    }

    private final Kind kind;

    InvariantViolation(Kind kind, String detail) {
        super(kind + ": " + detail);
        this.kind = kind;
    }

    Kind kind() {
        return kind;
    }
}
