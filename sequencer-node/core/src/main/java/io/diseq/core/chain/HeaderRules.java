package io.diseq.core.chain;

import io.diseq.core.util.Bytes;

/**
 * The header rules a block must meet against its parent, written once (docs/protocol.md §7.3, §7.6, §7.17) and
 * used by the validator's judgement of a proposal ({@code BlockJudge}), the verification of a synced block
 * ({@link DecidedBlockVerifier}) and the client's chain check ({@code BlockChecker}). Each returns a violation
 * or null.
 */
public final class HeaderRules {
    private HeaderRules() {
    }

    /** Same chain, the next height, the parent's id as parent hash, a later timestamp. */
    public static String link(String chainId, BlockHeader parent, Bytes parentId, BlockHeader h) {
        if (!h.chainId().equals(chainId)) {
            return "wrong chain id or height: chain id " + h.chainId() + ", expected " + chainId;
        }
        if (h.height() != parent.height() + 1) {
            return "height " + h.height() + " follows height " + parent.height();
        }
        if (!h.parentHash().equals(parentId)) {
            return "parent hash " + h.parentHash().toHex() + " is not the id of block " + parent.height() + " ("
                    + parentId.toHex() + ")";
        }
        if (h.timestampMs() <= parent.timestampMs()) {
            return "timestamp " + h.timestampMs() + " is not after the parent's " + parent.timestampMs();
        }
        return null;
    }

    /** The header commits to the chain's validator set. */
    public static String validatorSet(ValidatorSet validators, BlockHeader h) {
        return h.validatorSetHash().equals(validators.hash()) ? null
                : "header commits to validator set " + h.validatorSetHash().toHex() + ", not the chain's "
                + validators.hash().toHex();
    }

    /**
     * The committer of (height, round) and the proposer its VRF proof selects. {@code knownProposer} is the
     * proposer already derived from this proof by the caller, or −1 to verify the proof here.
     */
    public static String leaders(String chainId, ValidatorSet validators, ConsensusVerifier verifier, BlockHeader h,
                                 int knownProposer) {
        if (h.committerIndex() != validators.committerIndex(h.height(), h.round())) {
            return "committer " + h.committerIndex() + " is not the committer of (height " + h.height() + ", round "
                    + h.round() + ")";
        }
        int proposer = knownProposer >= 0 ? knownProposer
                : Leaders.proposer(chainId, validators, verifier, h.height(), h.round(), h.parentHash(),
                h.commitmentPi());
        if (proposer < 0) {
            return "the committer's VRF proof does not verify";
        }
        if (proposer != h.proposerIndex()) {
            return "proposer " + h.proposerIndex() + " is not the one the VRF proof selects (" + proposer + ")";
        }
        return null;
    }

    /** Every range starts at its partition's next unsequenced offset after {@code parent}. */
    public static String ranges(ChainTip parent, BlockHeader h) {
        for (PartitionRange r : h.ranges()) {
            if (r.firstOffset() != parent.nextOffset(r.partition())) {
                return "range of partition " + r.partition() + " starts at offset " + r.firstOffset()
                        + ", the next unsequenced offset is " + parent.nextOffset(r.partition());
            }
        }
        return null;
    }

    /** Link, validator set and leaders against a decided parent, in that order. */
    public static String all(ChainConfig config, ConsensusVerifier verifier, ChainTip parent, BlockHeader h,
                             int knownProposer) {
        String bad = link(config.chainId(), parent.header(), parent.blockId(), h);
        if (bad == null) {
            bad = validatorSet(config.validators(), h);
        }
        return bad != null ? bad : leaders(config.chainId(), config.validators(), verifier, h, knownProposer);
    }
}
