package io.diseq.devnet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.diseq.core.chain.BlockHeader;
import io.diseq.core.chain.MessageReceipt;
import io.diseq.core.chain.QuorumCertificate;
import io.diseq.core.chain.StandardConsensusCrypto;
import io.diseq.core.chain.ValidatorSet;
import io.diseq.core.chain.Verdict;
import io.diseq.core.crypto.Keccak256;
import io.diseq.core.rlp.Rlp;
import io.diseq.core.trie.MessageLocation;
import io.diseq.core.trie.ProofResult;
import io.diseq.core.trie.TrieProofs;
import io.diseq.core.util.Bytes;
import io.diseq.core.util.Hex;
import java.util.ArrayList;
import java.util.List;

/**
 * Verifies a message receipt (REST {@code GET /v1/messages/{id}/receipt}, docs/protocol.md receipts)
 * offline with only the chain id and the validators' public keys, from the core's primitives: the
 * message hashes to its id, the certificate is a quorum of valid precommits for the header's id, the
 * messages proof leads from the header's messages root to the message at RLP(index), and the state
 * proof leads from the header's state root to RLP([height, index]) under the id. The same receipt
 * must also pass the core's own verifier ({@link MessageReceipt#verify}), so the two agree.
 */
final class ReceiptCheck {
    private ReceiptCheck() {
    }

    /** @return the header the receipt proves the message is in */
    static BlockHeader verify(JsonNode receipt, String chainId, ValidatorSet validators, Bytes expectedId) {
        byte[] message = Hex.decode(receipt.path("message").asText());
        assertThat(Bytes.of(Keccak256.hash(message))).as("message hashes to its id").isEqualTo(expectedId);
        BlockHeader header = BlockHeader.decode(Hex.decode(receipt.path("header").path("rlp").asText()));
        long height = receipt.path("height").asLong();
        int index = receipt.path("index").asInt();
        assertThat(header.height()).isEqualTo(height);
        assertThat(header.chainId()).isEqualTo(chainId);

        QuorumCertificate certificate = QuorumCertificate.decode(Hex.decode(receipt.path("certificate").path("rlp").asText()));
        Verdict verdict = certificate.verify(chainId, validators, StandardConsensusCrypto.verifier(), height, header.id());
        assertThat(verdict).as("quorum certificate").isInstanceOf(Verdict.Accept.class);

        ProofResult inBlock = TrieProofs.verify(header.messagesRoot(), Rlp.encodeLong(index), hexList(receipt.path("messagesProof")));
        assertThat(inBlock).isEqualTo(new ProofResult.Present(message));
        ProofResult inState = TrieProofs.verify(header.stateRoot(), expectedId.toArray(), hexList(receipt.path("stateProof")));
        assertThat(inState).isEqualTo(new ProofResult.Present(new MessageLocation(height, index).encode()));

        MessageReceipt official = new MessageReceipt(header, certificate, index, Bytes.of(message),
                hexList(receipt.path("messagesProof")), hexList(receipt.path("stateProof")));
        assertThat(official.verify(chainId, validators, StandardConsensusCrypto.verifier()))
                .as("the core's receipt verifier").isInstanceOf(Verdict.Accept.class);
        return header;
    }

    private static List<byte[]> hexList(JsonNode array) {
        List<String> hex = new ArrayList<>();
        array.forEach(n -> hex.add(n.asText()));
        return TrieProofs.fromHex(hex);
    }
}
