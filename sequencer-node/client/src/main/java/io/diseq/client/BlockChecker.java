package io.diseq.client;

import io.diseq.core.chain.BlockHeader;
import io.diseq.core.chain.ConsensusVerifier;
import io.diseq.core.chain.PartitionRange;
import io.diseq.core.chain.HeaderRules;
import io.diseq.core.chain.QuorumCertificate;
import io.diseq.core.chain.ValidatorSet;
import io.diseq.core.chain.Verdict;
import io.diseq.core.rlp.RlpException;
import io.diseq.core.util.Bytes;
import io.diseq.schemas.BlockRecord;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Verifies finalized-block records one after the other (docs/protocol.md §7.3–7.10, §20.6), trusting
 * only the chain id and the validator set: each header decodes strictly and hashes to the record's
 * block id; chain id, height and validator-set hash are the expected ones; the header's committer is
 * the committer of its (height, round) and the committer's ECVRF proof selects its proposer; the
 * quorum certificate holds a quorum of distinct valid precommits for that id (the core's
 * {@link QuorumCertificate#verify}). From the second block on, each must extend the previous one:
 * height + 1, parent hash = previous id, a later timestamp, and every partition range continuing where
 * that partition's last range ended.
 *
 * <p>The first block checked is an anchor: nothing before it is known, so its parent link cannot be
 * checked unless {@link #anchorAt} was given its parent, or {@link #anchorAtGenesis} the genesis header.
 */
public final class BlockChecker {
    /** Verification outcome of one record. */
    public sealed interface Result {
        record Verified(VerifiedBlock block) implements Result {}

        /** @param code a stable reason code, e.g. {@code BAD_CERTIFICATE} or {@code BROKEN_PARENT_LINK} */
        record Failed(long height, String code, String reason) implements Result {}
    }

    private final String chainId;
    private final ValidatorSet validators;
    private final ConsensusVerifier verifier;
    private final Map<Integer, Long> nextOffsets = new HashMap<>();
    private VerifiedBlock previous;
    /** Anchored at genesis: every partition's next offset is 0 until a range names it (§7.2). */
    private boolean fromGenesis;

    public BlockChecker(String chainId, ValidatorSet validators, ConsensusVerifier verifier) {
        this.chainId = chainId;
        this.validators = validators;
        this.verifier = verifier;
    }

    /** The last block verified, if any. */
    public Optional<VerifiedBlock> previous() {
        return Optional.ofNullable(previous);
    }

    /**
     * Verifies {@code parent} on its own (it is not linked to anything) and makes it the block the next
     * record must extend.
     */
    public Result anchorAt(long keyHeight, BlockRecord parent) {
        previous = null;
        fromGenesis = false;
        nextOffsets.clear();
        return check(keyHeight, parent);
    }

    /**
     * Makes the genesis header (from a chain file, docs/protocol.md §7.2, §7.19) the block the next
     * record must extend, so block 1's parent hash, timestamp and ranges (from offset 0) are checked.
     */
    public void anchorAtGenesis(BlockHeader genesis) {
        if (genesis.height() != 0 || !genesis.chainId().equals(chainId) || !genesis.validatorSetHash().equals(validators.hash())) {
            throw new IllegalArgumentException("not the genesis header of chain " + chainId + " and this validator set");
        }
        previous = new VerifiedBlock(genesis, genesis.id(), null);
        fromGenesis = true;
        nextOffsets.clear();
    }

    /** Verifies the record with key height {@code keyHeight}; on success it becomes the new tip. */
    public Result check(long keyHeight, BlockRecord record) {
        long height = record.height();
        BlockHeader header;
        QuorumCertificate certificate;
        try {
            header = BlockHeader.decode(record.headerBytes());
        } catch (RlpException | IllegalArgumentException | ArithmeticException e) {
            return new Result.Failed(height, "MALFORMED_HEADER", "header is not a canonical RLP block header: "
                    + e.getMessage());
        }
        try {
            certificate = QuorumCertificate.decode(record.certificateBytes());
        } catch (RlpException | IllegalArgumentException | ArithmeticException e) {
            return new Result.Failed(height, "MALFORMED_CERTIFICATE", "certificate is not a canonical RLP certificate: "
                    + e.getMessage());
        }
        String bad = recordViolation(keyHeight, record, header);
        if (bad == null) {
            bad = leaderViolation(header);
        }
        if (bad != null) {
            return new Result.Failed(height, "INVALID_HEADER", bad);
        }
        Verdict cert = certificate.verify(chainId, validators, verifier, header.height(), header.id());
        if (cert instanceof Verdict.Reject r) {
            return new Result.Failed(height, r.code().name(), r.detail());
        }
        String broken = previous == null ? null : linkViolation(previous.header(), previous.blockId(), header);
        if (broken != null) {
            return new Result.Failed(height, "BROKEN_PARENT_LINK", broken);
        }
        previous = new VerifiedBlock(header, header.id(), certificate);
        header.ranges().forEach(r -> nextOffsets.put(r.partition(), r.endOffset()));
        return new Result.Verified(previous);
    }

    /** The record's own fields agree with its header, and the header belongs to this chain and set. */
    private String recordViolation(long keyHeight, BlockRecord record, BlockHeader header) {
        Bytes id = header.id();
        if (!id.equals(Bytes.wrap(record.blockIdBytes()))) {
            return "blockId " + record.blockId() + " is not keccak256 of the header (" + id.toHex() + ")";
        }
        if (!header.chainId().equals(chainId) || !record.chainId().equals(chainId)) {
            return "block of chain '" + header.chainId() + "', expected '" + chainId + "' (check --chain)";
        }
        if (header.height() != record.height() || keyHeight != record.height()) {
            return "record key says height " + keyHeight + ", record " + record.height() + ", header " + header.height();
        }
        if (!header.validatorSetHash().equals(validators.hash())) {
            return "header commits to validator set " + header.validatorSetHash().toHex() + ", the validators file gives "
                    + validators.hash().toHex() + " (check --validators: same validators, ids and order as the chain)";
        }
        if (record.timestampMs() != header.timestampMs()) {
            return "record timestampMs " + record.timestampMs() + " differs from the header's " + header.timestampMs();
        }
        return null;
    }

    /** The header's committer and the proposer its committer's VRF proof selects (docs/protocol.md §7.6). */
    private String leaderViolation(BlockHeader h) {
        return HeaderRules.leaders(chainId, validators, verifier, h, -1);
    }

    private String linkViolation(BlockHeader parent, Bytes parentId, BlockHeader h) {
        String bad = HeaderRules.link(chainId, parent, parentId, h);
        if (bad != null) {
            return bad;
        }
        for (PartitionRange r : h.ranges()) {
            Long next = nextOffsets.getOrDefault(r.partition(), fromGenesis ? 0L : null);
            if (next != null && r.firstOffset() != next) {
                return "range of partition " + r.partition() + " starts at offset " + r.firstOffset()
                        + ", the previous range there ended at " + next;
            }
        }
        return null;
    }
}
