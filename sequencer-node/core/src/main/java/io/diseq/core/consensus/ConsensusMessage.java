package io.diseq.core.consensus;

import io.diseq.core.util.Bytes;

/**
 * A signed gossip message of the consensus protocol (docs/protocol.md §7.8–7.9). {@code sender} is the
 * signer's index in the validator set; the signature covers {@link #signBytes()}.
 */
public sealed interface ConsensusMessage permits Commitment, Proposal, Vote {
    String chainId();

    long height();

    int round();

    int sender();

    Bytes signature();

    /** The exact bytes the sender signed (from {@link io.diseq.core.chain.SignBytes}). */
    byte[] signBytes();
}
