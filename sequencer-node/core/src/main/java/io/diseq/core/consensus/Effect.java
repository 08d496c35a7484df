package io.diseq.core.consensus;

import io.diseq.core.chain.DecidedBlock;
import io.diseq.core.chain.RejectCode;

/**
 * Outputs of {@link ConsensusCore#step} (docs/protocol.md §7.12–7.16), to be performed by the driver IN LIST ORDER, each completed
 * before the next (a {@link PersistSignerState} always precedes the send it guards). CONSENSUS-API.md.
 */
public sealed interface Effect {
    /** Send to every other validator. The core has already processed its own message. */
    record Broadcast(ConsensusMessage message) implements Effect {}

    /** Deliver {@code TimeoutFired(height, round, step)} at local time {@code fireAtMs} or later. */
    record ScheduleTimeout(long height, int round, TimeoutStep step, long fireAtMs) implements Effect {}

    /** Durably store the signer state before performing any later effect. */
    record PersistSignerState(SignerState state) implements Effect {}

    /**
     * Durably store the decided block with its certificate, messages, state-trie nodes and new input
     * positions in one transaction, and add the nodes to the core's NodeStore, before any later effect.
     */
    record PersistDecidedBlock(DecidedBlock block) implements Effect {}

    /** A message (or synced block) was rejected; for metrics and logs. {@code message} may be null. */
    record Rejected(RejectCode code, String detail, ConsensusMessage message) implements Effect {}

    /** Two conflicting signed messages from one validator; keep as evidence. */
    record EvidenceFound(Equivocation evidence) implements Effect {}

    /** At least f+1 validators are at {@code height} or beyond: fetch decided blocks from peers. */
    record SyncNeeded(long height) implements Effect {}

    /**
     * The state trie needs nodes that the core's NodeStore (the runtime's cache) does not hold. Load them and
     * then step {@link Event.InputAvailable}: whatever waited for them (a proposal to judge or to build, a
     * synced or recovered block) is tried again. Emitted again while they are missing; never an error.
     */
    record NeedTrieNodes(java.util.Set<io.diseq.core.util.Bytes> hashes) implements Effect {
        public NeedTrieNodes {
            hashes = java.util.Set.copyOf(hashes);
        }
    }

    /** The double-sign guard refused to sign; the core stays silent for that step. */
    record SignRefused(long height, int round, SignStep step, String reason) implements Effect {}
}
