package io.diseq.core.runtime;

import io.diseq.core.chain.BlockHeader;
import io.diseq.core.chain.QuorumCertificate;

/** A decision from the node's consensus log ({@link Output.PersistDecision}), replayed after a restart. */
public record Decision(BlockHeader header, QuorumCertificate certificate) {
}
