package io.diseq.core.sim;

import io.diseq.core.chain.ChainTip;
import io.diseq.core.chain.DecidedBlock;
import io.diseq.core.consensus.SignerState;
import io.diseq.core.trie.InMemoryNodeStore;
import java.util.ArrayList;
import java.util.List;

/**
 * What one instance has persisted through its effects (docs/simulation.md, "Crash and restart"): the
 * signer state, the decided blocks with their tips (so the input positions) and the state-trie nodes.
 * A crash keeps exactly this and loses everything else; a restart rebuilds the core from it alone.
 */
final class Durable {
    SignerState signer = SignerState.INITIAL;
    ChainTip tip;
    final List<DecidedBlock> blocks = new ArrayList<>();
    final InMemoryNodeStore nodes = new InMemoryNodeStore();

    Durable(ChainTip genesis) {
        this.tip = genesis;
    }

    long height() {
        return tip.height();
    }

    void persist(DecidedBlock block) {
        nodes.putAll(block.stateNodes());
        blocks.add(block);
        tip = block.tip();
    }

    /** The persisted block at {@code height} (≥ 1), or null. */
    DecidedBlock block(long height) {
        return height >= 1 && height <= blocks.size() ? blocks.get((int) height - 1) : null;
    }
}
