package io.diseq.node.sync;

import io.diseq.core.consensus.Event;

/** What the syncer feeds: the consensus driver, which owns the core and applies synced blocks in order. */
public interface SyncTarget {
    /** Height of the latest decided block held locally. */
    long localHeight();

    /** Queues a fetched (unverified) block for the core; false if the queue stayed full for {@code timeoutMs}. */
    boolean offer(Event.SyncedBlock block, long timeoutMs) throws InterruptedException;
}
