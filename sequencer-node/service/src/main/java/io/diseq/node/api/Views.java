package io.diseq.node.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.diseq.core.chain.BlockHeader;
import io.diseq.core.chain.PartitionRange;
import io.diseq.core.chain.QuorumCertificate;
import io.diseq.core.util.Hex;
import java.util.List;

/**
 * The JSON bodies of the REST API {@code /v1}; the JSON Schemas of
 * schemas/openapi/diseq-node-v1.yaml describe exactly these records. Byte strings are
 * lowercase hex without a prefix; {@code rlp} fields are the canonical encodings of docs/protocol.md
 * §7.3 and §7.10 (what a verifier hashes and checks); the other fields decode them for readers.
 */
public final class Views {
    private Views() {
    }

    public record Range(int partition, long firstOffset, long endOffset) {
    }

    public record Header(String rlp, String id, String chainId, long height, int round, String parentHash, long timestampMs,
                  int proposerIndex, int committerIndex, String commitmentPi, List<Range> ranges, int messageCount,
                  String messagesRoot, String stateRoot, String validatorSetHash) {
        public static Header of(BlockHeader h) {
            List<Range> ranges = h.ranges().stream()
                    .map((PartitionRange r) -> new Range(r.partition(), r.firstOffset(), r.endOffset())).toList();
            return new Header(Hex.encode(h.encode()), h.id().toHex(), h.chainId(), h.height(), h.round(),
                    h.parentHash().toHex(), h.timestampMs(), h.proposerIndex(), h.committerIndex(),
                    h.commitmentPi().toHex(), ranges, h.messageCount(), h.messagesRoot().toHex(), h.stateRoot().toHex(),
                    h.validatorSetHash().toHex());
        }
    }

    public record Signature(int validatorIndex, String signature) {
    }

    public record Certificate(String rlp, long height, int round, String blockId, List<Signature> signatures) {
        public static Certificate of(QuorumCertificate c) {
            return new Certificate(Hex.encode(c.encode()), c.height(), c.round(), c.blockId().toHex(),
                    c.signatures().stream().map(s -> new Signature(s.validatorIndex(), s.signature().toHex())).toList());
        }
    }

    /** A block; {@code certificate} is null only for genesis, {@code messageIds} is left out of range pages. */
    public record Block(long height, String id, Header header, Certificate certificate,
                 @JsonInclude(JsonInclude.Include.NON_NULL) List<String> messageIds) {
    }

    /** A page of consecutive blocks; {@code next} continues after the last one (also when the page is empty). */
    public record BlockPage(List<Block> blocks, String next) {
    }

    /** What {@code GET /v1/messages/{id}/receipt} answers: a receipt (200) or an absence proof (404). */
    public sealed interface ReceiptOrAbsence permits Receipt, NotSequenced {
    }

    public record Receipt(String chainId, String messageId, long height, int index, String message, Header header,
                   Certificate certificate, List<String> messagesProof, List<String> stateProof)
            implements ReceiptOrAbsence {
    }

    /**
     * The state-trie proof that {@code messageId} is absent under the state root of the header at
     * {@code height} (docs/protocol.md §7.20); {@code certificate} is null only for the genesis header.
     */
    public record Absence(String chainId, String messageId, long height, Header header, Certificate certificate,
                          List<String> stateProof) {
    }

    /** The 404 body for an id that is not sequenced: the error fields and the proof of absence. */
    public record NotSequenced(String code, String message, Absence absence) implements ReceiptOrAbsence {
    }

    public record ChainValidator(int index, String id, String signingPublicKey, String vrfPublicKey, String gossipUrl) {
    }

    /**
     * The chain file (docs/protocol.md §7.19): what a client or verifier needs to trust this chain.
     * {@code validatorSetHash} and {@code genesisBlockId} are check values derived from the rest.
     */
    public record Chain(int version, String chainId, long genesisTimeMs, List<ChainValidator> validators,
                        String validatorSetHash, String genesisBlockId) {
        public static final int VERSION = 1;
    }

    public record StateRoot(long height, String blockId, String stateRoot) {
    }

    public record ValidatorInfo(int index, String id, String signingPublicKey, String vrfPublicKey) {
    }

    public record Status(String chainId, long height, String latestBlockId, long consensusHeight, int round,
                         String step, boolean waiting, boolean catchingUp, int quorum, List<ValidatorInfo> validators) {
    }

    public record CommitmentInfo(long height, int round, int committerIndex, String pi) {
    }

    public record PeerInfo(int index, String id, boolean reachable, long reportedHeight) {
    }

    public record Consensus(long height, long decidedHeight, int round, String step, boolean waiting,
                            boolean catchingUp, List<CommitmentInfo> commitments, List<PeerInfo> peers) {
    }

    public record PartitionPool(int partition, long nextUnsequenced, long readPosition, int records, long bytes, double fill,
                         boolean full) {
    }

    public record Pool(long records, long bytes, int maxRecordsPerPartition, long maxBytesPerPartition,
                List<PartitionPool> partitions) {
    }

    public record Submitted(String id) {
    }
}
