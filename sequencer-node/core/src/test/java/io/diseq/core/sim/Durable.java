package io.diseq.core.sim;

import io.diseq.core.chain.ChainTip;
import io.diseq.core.chain.DecidedBlock;
import io.diseq.core.consensus.SignerState;
import io.diseq.core.runtime.Decision;
import io.diseq.core.trie.InMemoryNodeStore;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * What one instance has persisted through its runtime's outputs (docs/simulation.md, "Crash and restart"): the
 * signer state, the consensus log of decisions, the blocks whose writes completed with their tips (so the
 * input positions) and their state-trie nodes. A crash keeps exactly this and loses everything else; a
 * restart rebuilds the runtime from it alone.
 */
final class Durable {
    SignerState signer = SignerState.INITIAL;
    ChainTip tip;
    final List<DecidedBlock> blocks = new ArrayList<>();
    final InMemoryNodeStore nodes = new InMemoryNodeStore();
    private final TreeMap<Long, Decision> decisions = new TreeMap<>();

    Durable(ChainTip genesis) {
        this.tip = genesis;
    }

    long height() {
        return tip.height();
    }

    void decision(Decision d) {
        decisions.put(d.header().height(), d);
    }

    /** The consensus log above the durable tip, in height order (what a restart replays). */
    List<Decision> decisionsAbove() {
        return new ArrayList<>(decisions.tailMap(tip.height(), false).values());
    }

    /** A completed block write; blocks are written in height order, each exactly once. */
    void persist(DecidedBlock block) {
        DecidedBlock stored = block(block.height());
        if (stored != null && stored.blockId().equals(block.blockId())) {
            return; // idempotent, as the real store
        }
        if (block.height() != tip.height() + 1) {
            throw new IllegalStateException("block write of height " + block.height() + " onto durable height "
                    + tip.height());
        }
        nodes.putAll(block.stateNodes());
        blocks.add(block);
        tip = block.tip();
        decisions.headMap(tip.height(), true).clear();
    }

    /** The persisted block at {@code height} (≥ 1), or null. */
    DecidedBlock block(long height) {
        return height >= 1 && height <= blocks.size() ? blocks.get((int) height - 1) : null;
    }
}
