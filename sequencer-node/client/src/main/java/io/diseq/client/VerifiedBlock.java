package io.diseq.client;

import io.diseq.core.chain.BlockHeader;
import io.diseq.core.chain.QuorumCertificate;
import io.diseq.core.util.Bytes;

/** A block whose header hash, validator set, leader selection and certificate were verified. */
/** @param certificate null only for the genesis header a checker was anchored at ({@link BlockChecker#anchorAtGenesis}) */
public record VerifiedBlock(BlockHeader header, Bytes blockId, QuorumCertificate certificate) {
    public long height() {
        return header.height();
    }
}
