package io.diseq.node.store;

import io.diseq.core.util.Bytes;

/** Result of {@link BlockStore#store}: expected outcomes are values; callers decide what a conflict means. */
public sealed interface StoreOutcome {
    /** The block was written, with its messages, trie nodes and positions, in one transaction. */
    record Stored(long height) implements StoreOutcome {
    }

    /** The same block (same id) was already stored at this height; nothing changed. */
    record AlreadyStored(long height) implements StoreOutcome {
    }

    /** A different block is stored at this height; nothing changed. Two decided blocks at one height mean a fork. */
    record Conflict(long height, Bytes storedId) implements StoreOutcome {
    }

    /** The height does not extend the stored chain (which ends at {@code latestHeight}); nothing changed. */
    record NotNext(long height, long latestHeight) implements StoreOutcome {
    }
}
