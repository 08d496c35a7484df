package io.diseq.core.chain;

import io.diseq.core.crypto.Keccak256;
import io.diseq.core.trie.MerklePatriciaTrie;
import io.diseq.core.trie.MessageLocation;
import io.diseq.core.trie.ProofResult;
import io.diseq.core.trie.TrieProofs;
import io.diseq.core.util.Bytes;
import java.util.Arrays;
import java.util.List;

/**
 * Proof that a message was sequenced at (height, index) (docs/protocol.md §7.17): the block header,
 * its quorum certificate, the messages-trie proof for key RLP(index) and the state-trie proof for the
 * message id. {@link #verify} needs only the chain id and the validators' public keys; it applies the
 * header checks of {@link CertifiedHeader} (chain, validator set, committer, VRF proof, proposer,
 * certificate) before the two proofs. The proof that a message is NOT sequenced is {@link MessageAbsence}.
 */
public record MessageReceipt(BlockHeader header, QuorumCertificate certificate, int index, Bytes message,
                             List<byte[]> messagesProof, List<byte[]> stateProof) {
    public MessageReceipt {
        messagesProof = List.copyOf(messagesProof);
        stateProof = List.copyOf(stateProof);
    }

    public Bytes messageId() {
        return Bytes.wrap(Keccak256.hash(message.unsafeArray()));
    }

    /**
     * Accepts iff the header is of this chain and set, its committer and VRF-selected proposer are
     * right, a quorum certified it, and both proofs hold.
     */
    public Verdict verify(String chainId, ValidatorSet validators, ConsensusVerifier verifier) {
        if (header.height() < 1) {
            return Verdict.reject(RejectCode.BAD_PROOF, "genesis holds no messages");
        }
        Verdict certified = CertifiedHeader.verify(header, certificate, chainId, validators, verifier);
        if (!certified.accepted()) {
            return certified;
        }
        if (index < 0 || index >= header.messageCount()) {
            return Verdict.reject(RejectCode.BAD_PROOF, "index " + index + " outside the block");
        }
        if (!proves(header.messagesRoot(), MerklePatriciaTrie.orderedKey(index), messagesProof, message.unsafeArray())) {
            return Verdict.reject(RejectCode.BAD_PROOF, "messages proof does not hold the message at its index");
        }
        byte[] location = new MessageLocation(header.height(), index).encode();
        if (!proves(header.stateRoot(), messageId().unsafeArray(), stateProof, location)) {
            return Verdict.reject(RejectCode.BAD_PROOF, "state proof does not map the id to (height, index)");
        }
        return Verdict.ACCEPT;
    }

    private static boolean proves(Bytes root, byte[] key, List<byte[]> proof, byte[] expected) {
        return TrieProofs.verify(root, key, proof) instanceof ProofResult.Present p && Arrays.equals(p.value(), expected);
    }
}
