package io.diseq.core.chain;

import io.diseq.core.util.Bytes;
import java.util.Optional;

/**
 * Leader selection (docs/protocol.md §7.6): the committer of (h, r) is validators[(h + r) mod n]; its
 * ECVRF proof pi over {@link SignBytes#vrfAlpha} yields beta, and the proposer is validators[beta mod n].
 */
public final class Leaders {
    private Leaders() {}

    /** The proposer index selected by {@code pi}, or −1 if pi is not the committer's valid proof for the slot. */
    public static int proposer(ChainConfig config, ConsensusVerifier verifier, long height, int round,
                               Bytes parentHash, Bytes pi) {
        return proposer(config.chainId(), config.validators(), verifier, height, round, parentHash, pi);
    }

    /** As above, for verifiers (clients) that know only the chain id and the validator set. */
    public static int proposer(String chainId, ValidatorSet validators, ConsensusVerifier verifier, long height,
                               int round, Bytes parentHash, Bytes pi) {
        Validator committer = validators.get(validators.committerIndex(height, round));
        byte[] alpha = SignBytes.vrfAlpha(chainId, height, round, parentHash);
        Optional<byte[]> beta = verifier.vrfVerify(committer.vrfKey(), pi, alpha);
        return beta.map(validators::proposerIndex).orElse(-1);
    }
}
