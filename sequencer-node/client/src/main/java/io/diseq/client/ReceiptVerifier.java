package io.diseq.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.diseq.core.chain.BlockHeader;
import io.diseq.core.chain.ConsensusVerifier;
import io.diseq.core.chain.MessageReceipt;
import io.diseq.core.chain.QuorumCertificate;
import io.diseq.core.chain.ValidatorSet;
import io.diseq.core.chain.Verdict;
import io.diseq.core.rlp.RlpException;
import io.diseq.core.util.Bytes;
import io.diseq.core.util.Hex;
import java.util.ArrayList;
import java.util.List;

/**
 * Verifies a receipt as a node serves it (schemas/README.md "Message receipt") offline, trusting only
 * the chain id and the validator set: the canonical parts ({@code header.rlp}, {@code certificate.rlp},
 * {@code index}, {@code message}, both proofs) go through the core's {@link MessageReceipt#verify}
 * (docs/protocol.md §7.17); the receipt must be for the requested id; and the decoded convenience
 * fields ({@code messageId}, {@code height}, {@code header.id}) must agree with what was verified, so
 * a reader of the JSON is never shown numbers the proof does not back.
 */
public final class ReceiptVerifier {
    /** The outcome: a verified receipt, or the stable code and reason it failed. */
    public sealed interface Result {
        record Verified(MessageReceipt receipt) implements Result {}

        /** @param code {@code MALFORMED_RECEIPT}, {@code WRONG_MESSAGE}, {@code INCONSISTENT} or a core reject code */
        record Failed(String code, String reason) implements Result {}
    }

    private final String chainId;
    private final ValidatorSet validators;
    private final ConsensusVerifier verifier;

    public ReceiptVerifier(String chainId, ValidatorSet validators, ConsensusVerifier verifier) {
        this.chainId = chainId;
        this.validators = validators;
        this.verifier = verifier;
    }

    public Result verify(String requestedId, JsonNode json) {
        MessageReceipt receipt;
        try {
            receipt = decode(json);
        } catch (RlpException | IllegalArgumentException | ArithmeticException e) {
            return new Result.Failed("MALFORMED_RECEIPT", e.getMessage());
        }
        if (!receipt.messageId().toHex().equals(requestedId)) {
            return new Result.Failed("WRONG_MESSAGE", "the receipt is for message " + receipt.messageId().toHex()
                    + ", not " + requestedId);
        }
        Verdict verdict = receipt.verify(chainId, validators, verifier);
        if (verdict instanceof Verdict.Reject r) {
            return new Result.Failed(r.code().name(), r.detail());
        }
        String inconsistent = inconsistency(json, receipt);
        if (inconsistent != null) {
            return new Result.Failed("INCONSISTENT", inconsistent);
        }
        return new Result.Verified(receipt);
    }

    private static MessageReceipt decode(JsonNode json) {
        BlockHeader header = BlockHeader.decode(Hex.decode(text(json.path("header"), "rlp")));
        QuorumCertificate certificate = QuorumCertificate.decode(Hex.decode(text(json.path("certificate"), "rlp")));
        JsonNode index = json.path("index");
        if (!index.isIntegralNumber() || !index.canConvertToInt()) { // 1.5 would silently become 1
            throw new IllegalArgumentException("field index is missing or not an integer");
        }
        return new MessageReceipt(header, certificate, index.intValue(), Bytes.wrap(Hex.decode(text(json, "message"))),
                proof(json, "messagesProof"), proof(json, "stateProof"));
    }

    private static String text(JsonNode parent, String field) {
        JsonNode n = parent.path(field);
        if (!n.isTextual()) {
            throw new IllegalArgumentException("field " + field + " is missing or not a string");
        }
        return n.textValue();
    }

    private static List<byte[]> proof(JsonNode json, String field) {
        JsonNode n = json.path(field);
        if (!n.isArray()) {
            throw new IllegalArgumentException("field " + field + " is missing or not an array");
        }
        List<byte[]> nodes = new ArrayList<>(n.size());
        for (JsonNode node : n) {
            if (!node.isTextual()) {
                throw new IllegalArgumentException(field + " holds a non-string entry");
            }
            nodes.add(Hex.decode(node.textValue()));
        }
        return nodes;
    }

    /** The JSON's decoded conveniences, where present, equal the verified values. */
    private static String inconsistency(JsonNode json, MessageReceipt r) {
        if (json.has("messageId") && !json.path("messageId").asText().equals(r.messageId().toHex())) {
            return "messageId field differs from keccak256(message)";
        }
        if (json.has("height") && json.path("height").asLong(-1) != r.header().height()) {
            return "height field says " + json.path("height").asText() + ", the verified header " + r.header().height();
        }
        if (json.path("header").has("id") && !json.path("header").path("id").asText().equals(r.header().id().toHex())) {
            return "header.id field is not keccak256 of header.rlp";
        }
        return null;
    }
}
