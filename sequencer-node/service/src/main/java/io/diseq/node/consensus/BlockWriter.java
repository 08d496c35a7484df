package io.diseq.node.consensus;

import io.diseq.core.chain.DecidedBlock;
import io.diseq.core.runtime.Input;
import io.diseq.node.store.BlockStore;
import io.diseq.node.store.BlockWrite;
import io.diseq.node.store.StoreOutcome;
import java.util.function.Consumer;

/**
 * Performs {@code Output.PersistBlock} on its own thread, in FIFO order (docs/protocol.md §Persistence): the
 * block, its certificate, messages, new trie nodes and positions in one transaction, answered with
 * {@link Input.BlockPersisted}. A failed write (the database is down) is answered with {@link Input.PersistFailed}
 * for it and for every later write, queued or arriving before the runtime re-issues the failed height: the
 * runtime re-issues them in order. A different block stored at that height, or a gap, is a fork or a corrupt
 * store: {@code fatal} stops the driver.
 */
public final class BlockWriter {
    private static final long HOLD_WAIT_MS = 100;

    private final BlockStore store;
    private final Consumer<Input> done;
    private final Consumer<Throwable> fatal;
    private final java.util.function.LongConsumer storedNanos;
    private final Worker<DecidedBlock> worker;
    private long resumeAt = -1;
    private boolean held;

    /** @param storedNanos told how long each successful block transaction took (the block-store histogram) */
    public BlockWriter(BlockStore store, int capacity, Consumer<Input> done, Consumer<Throwable> fatal,
                java.util.function.LongConsumer storedNanos) {
        this.storedNanos = storedNanos;
        this.store = store;
        this.done = done;
        this.fatal = fatal;
        this.worker = new Worker<>("block-writer", capacity, this::write);
    }

    /** Queues a write; never blocks (a full queue answers it as failed). */
    void submit(DecidedBlock block) {
        if (!worker.submit(block)) {
            done.accept(new Input.PersistFailed(block.height(), "block write queue full"));
        }
    }

    /** Test hook: while held, the writer takes no write (simulates a slow database). */
    synchronized void hold(boolean hold) {
        this.held = hold;
        notifyAll();
    }

    Worker<DecidedBlock> worker() {
        return worker;
    }

    private void write(DecidedBlock block) {
        if (!awaitRelease()) {
            return;
        }
        long h = block.height();
        if (resumeAt >= 0 && h != resumeAt) {
            done.accept(new Input.PersistFailed(h, "dropped: the write of height " + resumeAt + " failed"));
            return;
        }
        resumeAt = -1;
        StoreOutcome outcome;
        long start = System.nanoTime();
        try {
            outcome = store.store(BlockWrite.of(block));
        } catch (RuntimeException e) {
            failed(h, e);
            return;
        }
        if (outcome instanceof StoreOutcome.Conflict c) {
            fatal.accept(new IllegalStateException("fork: decided block " + block.blockId() + " at height "
                    + c.height() + " but " + c.storedId() + " is stored"));
        } else if (outcome instanceof StoreOutcome.NotNext n) {
            fatal.accept(new IllegalStateException("decided height " + n.height() + " does not follow stored height "
                    + n.latestHeight()));
        } else {
            storedNanos.accept(System.nanoTime() - start);
            done.accept(new Input.BlockPersisted(h));
        }
    }

    private void failed(long height, RuntimeException e) {
        resumeAt = height;
        done.accept(new Input.PersistFailed(height, e.toString()));
        for (DecidedBlock queued : worker.drain()) {
            done.accept(new Input.PersistFailed(queued.height(), "dropped: the write of height " + height
                    + " failed"));
        }
    }

    private synchronized boolean awaitRelease() {
        try {
            while (held && worker.running()) {
                wait(HOLD_WAIT_MS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        return worker.running();
    }
}
