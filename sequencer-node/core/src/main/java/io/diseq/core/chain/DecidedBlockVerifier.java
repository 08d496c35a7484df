package io.diseq.core.chain;

import io.diseq.core.crypto.Keccak256;
import io.diseq.core.trie.MerklePatriciaTrie;
import io.diseq.core.trie.NodeStore;
import io.diseq.core.util.Bytes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Verifies a decided block fetched from a peer during catch-up (docs/protocol.md §7.10, §7.16) before
 * anything of it is stored: the header extends the local tip, its commitment selects its proposer,
 * the certificate holds a quorum of distinct valid precommits for its id, its ranges start at the
 * next unsequenced offsets, and the given messages lie in those ranges, are new, and recompute the
 * header's count, messages root and state root.
 */
public final class DecidedBlockVerifier {
    private DecidedBlockVerifier() {}

    public sealed interface Result {
        record Verified(Bytes blockId, BlockContent content) implements Result {}

        record Rejected(RejectCode code, String detail) implements Result {}

        /** The parent's state trie is incomplete in the given store: load these nodes and verify again. */
        record MissingNodes(Set<Bytes> hashes) implements Result {
            public MissingNodes {
                hashes = Set.copyOf(hashes);
            }
        }
    }

    public static Result verify(ChainConfig config, ConsensusVerifier verifier, ChainTip parent, BlockHeader header,
                                QuorumCertificate certificate, List<SequencedMessage> messages, NodeStore store) {
        String bad = linkViolation(config, verifier, parent, header);
        if (bad != null) {
            return new Result.Rejected(RejectCode.INVALID_BLOCK, bad);
        }
        Bytes id = header.id();
        Verdict cert = certificate.verify(config.chainId(), config.validators(), verifier, header.height(), id);
        if (cert instanceof Verdict.Reject r) {
            return new Result.Rejected(r.code(), r.detail());
        }
        bad = messagesViolation(config, header, messages);
        if (bad != null) {
            return new Result.Rejected(RejectCode.INVALID_BLOCK, bad);
        }
        Set<Bytes> missing = new HashSet<>();
        BlockContent content;
        try {
            content = recompute(parent, header, messages, store, missing);
        } catch (io.diseq.core.trie.MissingNodeException e) {
            return new Result.MissingNodes(Set.of(e.hash()));
        }
        if (!missing.isEmpty()) {
            return new Result.MissingNodes(missing);
        }
        if (content == null) {
            return new Result.Rejected(RejectCode.INVALID_BLOCK, "a message id was already sequenced");
        }
        if (!content.messagesRoot().equals(header.messagesRoot()) || !content.stateRoot().equals(header.stateRoot())) {
            return new Result.Rejected(RejectCode.INVALID_BLOCK, "recomputed roots differ from the header's");
        }
        return new Result.Verified(id, content);
    }

    private static String linkViolation(ChainConfig config, ConsensusVerifier verifier, ChainTip parent, BlockHeader h) {
        String bad = HeaderRules.all(config, verifier, parent, h, -1);
        return bad != null ? bad : HeaderRules.ranges(parent, h);
    }

    /** Count, indices, ids, and each message inside its partition's range, offsets ascending per partition. */
    private static String messagesViolation(ChainConfig config, BlockHeader h, List<SequencedMessage> messages) {
        if (messages.size() != h.messageCount()) {
            return "header counts " + h.messageCount() + " messages, got " + messages.size();
        }
        Map<Integer, PartitionRange> ranges = new HashMap<>();
        h.ranges().forEach(r -> ranges.put(r.partition(), r));
        Map<Integer, Long> lastOffset = new HashMap<>();
        for (int i = 0; i < messages.size(); i++) {
            SequencedMessage m = messages.get(i);
            PartitionRange r = ranges.get(m.partition());
            if (m.index() != i || !m.messageId().equals(Bytes.wrap(Keccak256.hash(m.payload().unsafeArray())))) {
                return "message " + i + " has a wrong index or id";
            }
            if (m.payload().length() == 0 || m.payload().length() > config.messageBytesMax()) {
                return "message " + i + " is empty or larger than " + config.messageBytesMax() + " bytes";
            }
            if (r == null || m.offset() < r.firstOffset() || m.offset() >= r.endOffset()
                    || m.offset() <= lastOffset.getOrDefault(m.partition(), -1L)) {
                return "message " + i + " is outside its partition's range or out of order";
            }
            lastOffset.put(m.partition(), m.offset());
        }
        return null;
    }

    /**
     * The content of the given messages on top of the parent's state trie; null if an id is not new, or if a
     * lookup met trie nodes the store lacks: then every such node of every lookup is in {@code missing}, so that
     * loading them all takes one round per trie level, not one verification per node (a restarted validator's
     * trie is cold).
     */
    private static BlockContent recompute(ChainTip parent, BlockHeader h, List<SequencedMessage> messages,
                                          NodeStore store, Set<Bytes> missing) {
        MerklePatriciaTrie state = MerklePatriciaTrie.open(store, parent.header().stateRoot());
        Set<Bytes> seen = new HashSet<>();
        List<byte[]> payloads = new ArrayList<>(messages.size());
        long bytes = 0;
        for (SequencedMessage m : messages) {
            if (!seen.add(m.messageId())) {
                return null;
            }
            try {
                if (state.get(m.messageId().unsafeArray()) != null) {
                    missing.clear(); // already sequenced: invalid whatever the missing nodes hold
                    return null;
                }
            } catch (io.diseq.core.trie.MissingNodeException e) {
                missing.add(e.hash());
            }
            payloads.add(m.payload().unsafeArray());
            bytes += m.payload().length();
        }
        if (!missing.isEmpty()) {
            return null;
        }
        for (SequencedMessage m : messages) {
            state.put(m.messageId().unsafeArray(), ContentRule.stateValue(h.height(), m.index()));
        }
        return new BlockContent(h.ranges(), messages, bytes, MerklePatriciaTrie.orderedRoot(payloads), state.commit());
    }
}
