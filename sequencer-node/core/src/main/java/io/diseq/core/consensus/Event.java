package io.diseq.core.consensus;

import io.diseq.core.chain.BlockHeader;
import io.diseq.core.chain.QuorumCertificate;
import io.diseq.core.chain.SequencedMessage;
import java.util.List;

/** Inputs to {@link ConsensusCore#step} (docs/protocol.md §7.12–7.16). See CONSENSUS-API.md for who produces each. */
public sealed interface Event {
    /** The first event after construction or restart: enters the current height. */
    record Start() implements Event {}

    /** A gossip message from a peer (signature not yet checked). */
    record MessageReceived(ConsensusMessage message) implements Event {}

    /** A timeout the core scheduled earlier; a stale one is ignored. */
    record TimeoutFired(long height, int round, TimeoutStep step) implements Event {}

    /** The input log read new records: re-evaluates waiting proposals and an idle height. */
    record InputAvailable() implements Event {}

    /**
     * A decided block fetched from a peer during catch-up, for the core's next height. The core
     * verifies it completely (certificate, parent link, ranges, roots) before it persists it.
     */
    record SyncedBlock(BlockHeader header, QuorumCertificate certificate, List<SequencedMessage> messages)
            implements Event {
        public SyncedBlock {
            messages = List.copyOf(messages);
        }
    }

    /**
     * A decision this node made before a restart (its header and certificate, from its own consensus log) whose
     * block was not yet durable when it stopped. The core re-derives the block from its input log exactly as
     * for a proposal (§7.11) and decides it again, so a crash between a decision and its block write never
     * leaves the node unable to continue. Ignored unless it is for the core's current height.
     */
    record RecoveredDecision(BlockHeader header, QuorumCertificate certificate) implements Event {}
}
