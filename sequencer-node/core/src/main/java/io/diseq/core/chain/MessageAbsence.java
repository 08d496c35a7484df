package io.diseq.core.chain;

import io.diseq.core.trie.ProofResult;
import io.diseq.core.trie.TrieProofs;
import io.diseq.core.util.Bytes;
import java.util.List;

/**
 * Proof that a message id is NOT sequenced as of a certified height (docs/protocol.md §7.20): a
 * decided header, its quorum certificate and the state-trie proof that the id is absent under the
 * header's state root. The state trie holds every message ever sequenced up to and including that
 * block (§6.4), so absence there means the id was not sequenced at any height ≤ the header's; it says
 * nothing about later heights. {@link #verify} needs only the chain id and the validators' public keys.
 *
 * <p>Before the first decided block the header is the genesis header (height 0), which has no
 * certificate: it is accepted when it has exactly the shape §7.2 derives from the chain id and the
 * validator set (its timestamp, the genesis time, is not known to a verifier holding only the
 * validator set; one holding a chain file compares the header's id with the genesis id it derives).
 *
 * @param certificate null only for a genesis header
 */
public record MessageAbsence(Bytes messageId, BlockHeader header, QuorumCertificate certificate,
                             List<byte[]> stateProof) {
    public MessageAbsence {
        if (messageId.length() != BlockHeader.HASH_LENGTH) {
            throw new IllegalArgumentException("a message id is 32 bytes, got " + messageId.length());
        }
        stateProof = List.copyOf(stateProof);
    }

    /** Accepts iff the header is certified as for a receipt (or is this chain's genesis) and the id is absent. */
    public Verdict verify(String chainId, ValidatorSet validators, ConsensusVerifier verifier) {
        Verdict certified = header.height() == 0 ? genesisShape(chainId, validators)
                : certificate == null ? Verdict.reject(RejectCode.BAD_CERTIFICATE, "no certificate for height "
                        + header.height())
                : CertifiedHeader.verify(header, certificate, chainId, validators, verifier);
        if (!certified.accepted()) {
            return certified;
        }
        ProofResult result = TrieProofs.verify(header.stateRoot(), messageId.unsafeArray(), stateProof);
        if (result instanceof ProofResult.Absent) {
            return Verdict.ACCEPT;
        }
        if (result instanceof ProofResult.Present) {
            return Verdict.reject(RejectCode.BAD_PROOF, "the state proof shows the id IS sequenced");
        }
        return Verdict.reject(RejectCode.BAD_PROOF, "state proof does not verify: " + result);
    }

    private Verdict genesisShape(String chainId, ValidatorSet validators) {
        if (certificate != null) {
            return Verdict.reject(RejectCode.BAD_CERTIFICATE, "genesis has no certificate");
        }
        if (!header.chainId().equals(chainId)) {
            return Verdict.reject(RejectCode.WRONG_CHAIN, "header of chain " + header.chainId());
        }
        if (!header.id().equals(Genesis.header(chainId, validators, header.timestampMs()).id())) {
            return Verdict.reject(RejectCode.INVALID_BLOCK, "height 0 but not the genesis header of this chain");
        }
        return Verdict.ACCEPT;
    }
}
