package io.diseq.core.consensus;

import io.diseq.core.chain.BlockContent;
import io.diseq.core.chain.BlockHeader;
import io.diseq.core.chain.ChainConfig;
import io.diseq.core.chain.ChainTip;
import io.diseq.core.chain.ConsensusVerifier;
import io.diseq.core.chain.ContentRule;
import io.diseq.core.chain.InputLog;
import io.diseq.core.chain.HeaderRules;
import io.diseq.core.trie.MerklePatriciaTrie;
import io.diseq.core.util.Bytes;
import java.util.HashMap;
import java.util.Map;

/**
 * Algorithm 1's valid(v) for a block of the next height (docs/protocol.md §7.3, §7.11): the header
 * links to the tip, names its own round's committer and VRF-selected proposer, has a later timestamp
 * than the parent, and its ranges recompute to the header's count and roots. Verdicts are cached
 * per block id, except "unavailable" (input not read yet, or state-trie nodes not loaded yet), which is
 * retried when input or nodes arrive. Clock drift is separate
 * ({@link #untimely}) because only a fresh proposal is judged against the local clock.
 */
final class BlockJudge {
    private final ChainConfig config;
    private final ConsensusVerifier verifier;
    private final InputLog inputLog;
    /** The tip's state trie as the core keeps it for the height ({@link CoreState#stateView()}). */
    private final java.util.function.Supplier<MerklePatriciaTrie> stateView;
    private final KnownProposers known;
    private final java.util.function.Consumer<java.util.Set<Bytes>> needNodes;
    private final Map<Bytes, Judgement> cache = new HashMap<>();

    /** Proposers already derived from verified commitments of this height (saves a VRF verification). */
    interface KnownProposers {
        /** The proposer that {@code pi} selects in {@code round}, or −1 if not known. */
        int lookup(int round, Bytes pi);
    }

    private final ConsensusRules rules;

    BlockJudge(ChainConfig config, ConsensusRules rules, ConsensusVerifier verifier, InputLog inputLog,
               java.util.function.Supplier<MerklePatriciaTrie> stateView, KnownProposers known, java.util.function.Consumer<java.util.Set<Bytes>> needNodes) {
        this.rules = rules;
        this.needNodes = needNodes;
        this.config = config;
        this.verifier = verifier;
        this.inputLog = inputLog;
        this.stateView = stateView;
        this.known = known;
    }

    sealed interface Judgement {
        record Valid(BlockContent content) implements Judgement {}

        record Invalid(String detail) implements Judgement {}

        record Unavailable(String detail) implements Judgement {}
    }

    /** Forgets cached verdicts: call when the tip changes. */
    void reset() {
        cache.clear();
    }

    /** Caches this node's own assembled block as valid (it was built by the same rule). */
    void rememberValid(Bytes blockId, BlockContent content) {
        cache.put(blockId, new Judgement.Valid(content));
    }

    Judgement judge(ChainTip tip, BlockHeader header, Bytes blockId) {
        Judgement cached = cache.get(blockId);
        if (cached != null) {
            return cached;
        }
        Judgement j = judgeUncached(tip, header);
        if (!(j instanceof Judgement.Unavailable)) {
            cache.put(blockId, j);
        }
        return j;
    }

    private Judgement judgeUncached(ChainTip tip, BlockHeader header) {
        String bad = headerViolation(tip, header);
        if (bad != null) {
            return new Judgement.Invalid(bad);
        }
        ContentRule.Outcome outcome = ContentRule.recompute(config, tip, header.height(), header.ranges(),
                inputLog, stateView.get(), rules.requireContiguousRanges());
        if (outcome instanceof ContentRule.Outcome.Unavailable u) {
            return new Judgement.Unavailable(u.detail());
        }
        if (outcome instanceof ContentRule.Outcome.MissingNodes m) {
            needNodes.accept(m.hashes()); // judged again once the runtime has loaded them (InputAvailable)
            return new Judgement.Unavailable(m.hashes().size() + " state-trie nodes are being loaded");
        }
        if (outcome instanceof ContentRule.Outcome.Invalid i) {
            return new Judgement.Invalid(i.detail());
        }
        BlockContent content = ((ContentRule.Outcome.Available) outcome).content();
        String mismatch = contentMismatch(header, content);
        return mismatch == null ? new Judgement.Valid(content) : new Judgement.Invalid(mismatch);
    }

    private String headerViolation(ChainTip tip, BlockHeader h) {
        String bad = HeaderRules.link(config.chainId(), tip.header(), tip.blockId(), h);
        if (bad == null) {
            bad = HeaderRules.validatorSet(config.validators(), h);
        }
        return bad != null ? bad : HeaderRules.leaders(config.chainId(), config.validators(), verifier, h,
                known.lookup(h.round(), h.commitmentPi()));
    }

    private static String contentMismatch(BlockHeader h, BlockContent c) {
        if (h.messageCount() != c.messages().size()) {
            return "message count " + h.messageCount() + ", ranges hold " + c.messages().size();
        }
        if (!h.messagesRoot().equals(c.messagesRoot())) {
            return "messages root mismatch";
        }
        if (!h.stateRoot().equals(c.stateRoot())) {
            return "state root mismatch";
        }
        return null;
    }

    /** Why a fresh proposal's timestamp is too far from the local clock, or null if it is timely. */
    String untimely(BlockHeader h, long nowMs) {
        long drift = Math.abs(h.timestampMs() - nowMs);
        return drift > config.maxClockDriftMs()
                ? "timestamp " + h.timestampMs() + " is " + drift + " ms from local clock " + nowMs : null;
    }
}
