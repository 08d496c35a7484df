package io.diseq.core.sim;

import io.diseq.core.util.Bytes;
import java.util.List;

/**
 * What the invariant checkers see of the consensus core, in the simulator's own terms (docs/simulation.md,
 * "Invariants"), so that the checkers can be tested against hand-built histories and do not trust the
 * core's own types for their verdicts.
 */
final class Observed {
    private Observed() {
    }

    /** The steps a validator signs; a commitment is signed once per (height, round) by its committer. */
    enum Step { COMMITMENT, PROPOSAL, PREVOTE, PRECOMMIT }

    /** A per-partition offset range [fromOffset, toOffset) of the input topic named by a block. */
    record Range(int partition, long fromOffset, long toOffset) {
    }

    /** One precommit of a certificate: who signed, for which height/round/block, and the signature. */
    record CertVote(int validator, long height, int round, Bytes blockHash, Bytes signature) {
    }

    /** A sequenced message: the input record it claims to come from and its id. */
    record Sequenced(int partition, long offset, Bytes id) {
    }

    /**
     * A block decided by one instance.
     *
     * @param messages the messages the core sequenced in this block, in order, or {@code null} if not observable
     */
    record Decision(int instance, long height, Bytes hash, Bytes parentHash, long timestampMs, List<Range> ranges,
                    List<Sequenced> messages, List<CertVote> certificate, Leader leader) {
        /** A decision whose leader fields are not observed (hand-built histories). */
        Decision(int instance, long height, Bytes hash, Bytes parentHash, long timestampMs, List<Range> ranges,
                 List<Sequenced> messages, List<CertVote> certificate) {
            this(instance, height, hash, parentHash, timestampMs, ranges, messages, certificate, null);
        }
    }

    /** Who a decided block's header says committed and proposed it in its round, with the committer's pi. */
    record Leader(int round, int committer, Bytes pi, int proposer) {
    }

    /** A proposal seen leaving any instance: who it claims as proposer, the pi it carries, whether its signature verifies. */
    record Proposed(long height, int round, Bytes blockId, int proposer, Bytes pi, boolean signatureValid) {
    }

    /** A non-nil prevote that left an honest instance. */
    record Prevoted(int validator, long height, int round, Bytes blockId) {
    }

    /** A signature that left an honest instance, as far as it matters for equivocation. */
    record Signed(int validator, long height, int round, Step step, Bytes value) {
    }
}
