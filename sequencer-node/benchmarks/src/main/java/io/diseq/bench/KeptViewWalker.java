package io.diseq.bench;

import io.diseq.core.chain.ChainConfig;
import io.diseq.core.chain.ChainTip;
import io.diseq.core.chain.ContentRule;
import io.diseq.core.chain.InputLog;
import io.diseq.core.chain.PartitionRange;
import io.diseq.core.trie.MerklePatriciaTrie;
import io.diseq.core.trie.NodeStore;
import java.util.List;

/** {@link BlockWalkBench}'s walks through one state trie kept open for the height, as the core keeps it. */
final class KeptViewWalker implements BlockWalkBench.Walker {
    private final ChainConfig chain;
    private final ChainTip tip;
    private final InputLog log;
    private final MerklePatriciaTrie state;

    KeptViewWalker(ChainConfig chain, ChainTip tip, InputLog log, NodeStore store) {
        this.chain = chain;
        this.tip = tip;
        this.log = log;
        this.state = MerklePatriciaTrie.open(store, tip.header().stateRoot());
    }

    @Override
    public ContentRule.Outcome assemble(long height) {
        return ContentRule.assembleOrMissing(chain, tip, height, log, state);
    }

    @Override
    public ContentRule.Outcome recompute(long height, List<PartitionRange> ranges) {
        return ContentRule.recompute(chain, tip, height, ranges, log, state, true);
    }
}
