package io.diseq.node.consensus;

import io.diseq.core.chain.DecidedBlock;
import io.diseq.core.chain.PartitionRange;
import io.diseq.node.input.InputWindow;
import io.diseq.node.store.BlockStore;
import io.diseq.node.store.BlockWrite;
import io.diseq.node.store.StoreOutcome;

/**
 * Performs the core's {@code PersistDecidedBlock} (docs/protocol.md §Persistence): the block, its
 * certificate, messages (with their input positions), new state-trie nodes and the positions after it
 * in ONE transaction; then the input window drops the sequenced records and the publisher is told. A
 * different block already stored at that height, or a gap, is a broken invariant (a fork or a corrupt
 * store) and throws, which stops the driver.
 */
final class BlockCommitter {
    private final BlockStore store;
    private final InputWindow window;
    private final Runnable blockStored;

    BlockCommitter(BlockStore store, InputWindow window, Runnable blockStored) {
        this.store = store;
        this.window = window;
        this.blockStored = blockStored;
    }

    void commit(DecidedBlock block) {
        StoreOutcome outcome = store.store(BlockWrite.of(block));
        if (outcome instanceof StoreOutcome.Conflict c) {
            throw new IllegalStateException("fork: decided block " + block.blockId() + " at height " + c.height()
                    + " but " + c.storedId() + " is stored");
        }
        if (outcome instanceof StoreOutcome.NotNext n) {
            throw new IllegalStateException("decided height " + n.height() + " does not follow stored height "
                    + n.latestHeight());
        }
        for (PartitionRange r : block.header().ranges()) {
            window.drainThrough(r.partition(), r.endOffset());
        }
        blockStored.run();
    }
}
