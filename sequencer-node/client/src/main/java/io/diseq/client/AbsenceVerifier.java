package io.diseq.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.diseq.core.chain.BlockHeader;
import io.diseq.core.chain.ConsensusVerifier;
import io.diseq.core.chain.MessageAbsence;
import io.diseq.core.chain.QuorumCertificate;
import io.diseq.core.chain.ValidatorSet;
import io.diseq.core.chain.Verdict;
import io.diseq.core.rlp.RlpException;
import io.diseq.core.util.Bytes;
import io.diseq.core.util.Hex;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Verifies the proof a node sends with its 404 {@code MESSAGE_NOT_FOUND} answer to a receipt request
 * (schemas/openapi/diseq-node-v1.yaml {@code NotSequenced}) offline, trusting only the chain id, the
 * validator set and, if known, the genesis header: the core's {@link MessageAbsence#verify}
 * (docs/protocol.md §7.20) for the REQUESTED id, whatever id the JSON names; a genesis header must be
 * this chain's genesis; and the decoded convenience fields must agree with what was verified.
 */
public final class AbsenceVerifier {
    /** The outcome: a verified absence, or the stable code and reason it failed. */
    public sealed interface Result {
        record Verified(MessageAbsence absence) implements Result {}

        /** @param code {@code MALFORMED_ABSENCE}, {@code WRONG_GENESIS}, {@code INCONSISTENT} or a core reject code */
        record Failed(String code, String reason) implements Result {}
    }

    private final String chainId;
    private final ValidatorSet validators;
    private final ConsensusVerifier verifier;
    private final Optional<BlockHeader> genesis;

    public AbsenceVerifier(String chainId, ValidatorSet validators, ConsensusVerifier verifier,
                           Optional<BlockHeader> genesis) {
        this.chainId = chainId;
        this.validators = validators;
        this.verifier = verifier;
        this.genesis = genesis;
    }

    /** @param body the whole 404 body ({@code code}, {@code message}, {@code absence}) */
    public Result verify(String requestedId, JsonNode body) {
        JsonNode json = body.path("absence");
        MessageAbsence absence;
        try {
            absence = decode(Bytes.fromHex(requestedId), json);
        } catch (RlpException | IllegalArgumentException | ArithmeticException e) {
            return new Result.Failed("MALFORMED_ABSENCE", e.getMessage());
        }
        if (absence.header().height() == 0 && genesis.isPresent() && !genesis.get().id().equals(absence.header().id())) {
            return new Result.Failed("WRONG_GENESIS", "the height-0 header is not the chain file's genesis "
                    + genesis.get().id().toHex());
        }
        Verdict verdict = absence.verify(chainId, validators, verifier);
        if (verdict instanceof Verdict.Reject r) {
            return new Result.Failed(r.code().name(), r.detail());
        }
        if (json.has("messageId") && !json.path("messageId").asText().equals(requestedId)) {
            return new Result.Failed("INCONSISTENT", "messageId field names another message");
        }
        if (json.has("height") && json.path("height").asLong(-1) != absence.header().height()) {
            return new Result.Failed("INCONSISTENT", "height field says " + json.path("height").asText()
                    + ", the verified header " + absence.header().height());
        }
        if (json.path("header").has("id") && !json.path("header").path("id").asText().equals(absence.header().id().toHex())) {
            return new Result.Failed("INCONSISTENT", "header.id field is not keccak256 of header.rlp");
        }
        return new Result.Verified(absence);
    }

    private static MessageAbsence decode(Bytes id, JsonNode json) {
        if (!json.isObject()) {
            throw new IllegalArgumentException("the answer carries no absence proof");
        }
        BlockHeader header = BlockHeader.decode(Hex.decode(text(json.path("header"), "rlp")));
        JsonNode cert = json.path("certificate");
        QuorumCertificate certificate = cert.isNull() ? null : QuorumCertificate.decode(Hex.decode(text(cert, "rlp")));
        JsonNode proof = json.path("stateProof");
        if (!proof.isArray()) {
            throw new IllegalArgumentException("field stateProof is missing or not an array");
        }
        List<byte[]> nodes = new ArrayList<>(proof.size());
        for (JsonNode node : proof) {
            if (!node.isTextual()) {
                throw new IllegalArgumentException("stateProof holds a non-string entry");
            }
            nodes.add(Hex.decode(node.textValue()));
        }
        return new MessageAbsence(id, header, certificate, nodes);
    }

    private static String text(JsonNode parent, String field) {
        JsonNode n = parent.path(field);
        if (!n.isTextual()) {
            throw new IllegalArgumentException("field " + field + " is missing or not a string");
        }
        return n.textValue();
    }
}
