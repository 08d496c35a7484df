package io.diseq.core.runtime;

import io.diseq.core.chain.BlockHeader;
import io.diseq.core.chain.DecidedBlock;
import io.diseq.core.chain.QuorumCertificate;
import io.diseq.core.chain.RejectCode;
import io.diseq.core.consensus.Equivocation;
import io.diseq.core.consensus.SignStep;
import io.diseq.core.consensus.SignerState;
import io.diseq.core.util.Bytes;
import java.util.Set;

/**
 * What {@link NodeRuntime#step} asks its shell to do (docs/architecture.md, "Node runtime"). The shell performs
 * them IN LIST ORDER. The two {@code Persist…State}/{@code PersistDecision} outputs are synchronous: the shell
 * completes them durably before it performs the next output, which is how a vote never leaves the process
 * before the signer state that guards it is durable. Everything else only starts work: its completion comes
 * back as an {@link Input}.
 */
public sealed interface Output {
    /** Durably store the signer state before performing any later output (synchronous). */
    record PersistSignerState(SignerState state) implements Output {}

    /**
     * Durably record a decision (header and certificate) before performing any later output (synchronous): the
     * consensus log that lets a node whose block write had not completed re-derive the block after a crash.
     */
    record PersistDecision(BlockHeader header, QuorumCertificate certificate) implements Output {}

    /** Send an envelope of {@code type} to validator {@code to}, or to every other validator when {@code to < 0}. */
    record Send(int to, GossipType type, long height, int round, Bytes payload) implements Output {}

    /** Start writing a decided block (messages, trie nodes, positions) in one transaction; in height order. */
    record PersistBlock(DecidedBlock block) implements Output {}

    /** The block is durable: publish it to the output topic, serve it, release its input records. */
    record BlockDurable(DecidedBlock block) implements Output {}

    /** Ask peer {@code peer} for up to {@code count} decided blocks from {@code from}. */
    record FetchBlocks(long requestId, int peer, long from, int count) implements Output {}

    /** Load these state-trie nodes from the local store. */
    record LoadTrieNodes(long requestId, Set<Bytes> hashes) implements Output {
        public LoadTrieNodes {
            hashes = Set.copyOf(hashes);
        }
    }

    /** A block was decided (metrics): by consensus, from a peer's certificate, or from the local log. */
    record Decided(DecidedBlock block, boolean fromSync) implements Output {}

    /** Where a rejected input came from. */
    enum Source { GOSSIP, SYNC, LOCAL }

    /**
     * An input was rejected; {@code sender} is the validator it came from (−1 for a local one), {@code source}
     * whether it was a gossip payload, a fetched block, or the node's own (a recovered decision, a timeout).
     */
    record Rejected(RejectCode code, String detail, int sender, Source source) implements Output {}

    /** Handling one untrusted input threw: the input was dropped and the node goes on (counted, logged). */
    record InputFailed(int sender, String what, RuntimeException error) implements Output {}

    /** Two conflicting signed messages from one validator; keep as evidence. */
    record EvidenceFound(Equivocation evidence) implements Output {}

    /** The double-sign guard refused to sign. */
    record SignRefused(long height, int round, SignStep step, String reason) implements Output {}

    /** A storage request failed and will be retried (metrics and a log line). */
    record StorageRetry(String what, String reason) implements Output {}
}
