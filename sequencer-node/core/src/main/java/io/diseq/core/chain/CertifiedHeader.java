package io.diseq.core.chain;

/**
 * The checks every verifier applies to a decided header it is shown together with a certificate
 * (docs/protocol.md §7.6, §7.10, §7.17), knowing only the chain id and the validator set: the header
 * is of this chain and validator set; its committer is the committer of (height, round); that
 * committer's ECVRF proof verifies over the VRF alpha of (height, round, parent hash) and selects the
 * header's proposer; and the certificate holds a quorum of distinct valid precommits for the header's
 * height and id. A receipt and an absence proof are only as good as these checks: without the leader
 * checks a quorum could certify a header whose proposer no VRF output chose.
 */
public final class CertifiedHeader {
    private CertifiedHeader() {}

    public static Verdict verify(BlockHeader header, QuorumCertificate certificate, String chainId,
                                 ValidatorSet validators, ConsensusVerifier verifier) {
        if (!header.chainId().equals(chainId)) {
            return Verdict.reject(RejectCode.WRONG_CHAIN, "header of chain " + header.chainId());
        }
        if (!header.validatorSetHash().equals(validators.hash())) {
            return Verdict.reject(RejectCode.BAD_CERTIFICATE, "header names another validator set");
        }
        Verdict leaders = leaders(header, chainId, validators, verifier);
        if (!leaders.accepted()) {
            return leaders;
        }
        return certificate.verify(chainId, validators, verifier, header.height(), header.id());
    }

    /** Committer, VRF proof and proposer of a header of height ≥ 1 (§7.6). */
    public static Verdict leaders(BlockHeader header, String chainId, ValidatorSet validators,
                                  ConsensusVerifier verifier) {
        int committer = validators.committerIndex(header.height(), header.round());
        if (header.committerIndex() != committer) {
            return Verdict.reject(RejectCode.WRONG_COMMITTER, "committer " + header.committerIndex()
                    + " is not the committer of (height " + header.height() + ", round " + header.round() + "), "
                    + committer);
        }
        int proposer = Leaders.proposer(chainId, validators, verifier, header.height(), header.round(),
                header.parentHash(), header.commitmentPi());
        if (proposer < 0) {
            return Verdict.reject(RejectCode.BAD_VRF_PROOF, "the committer's ECVRF proof does not verify");
        }
        if (proposer != header.proposerIndex()) {
            return Verdict.reject(RejectCode.WRONG_PROPOSER, "proposer " + header.proposerIndex()
                    + " is not the one the VRF output selects, " + proposer);
        }
        return Verdict.ACCEPT;
    }
}
