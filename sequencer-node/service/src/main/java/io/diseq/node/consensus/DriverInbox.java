package io.diseq.node.consensus;

import io.diseq.core.runtime.Input;
import io.diseq.node.gossip.GossipEnvelope;
import io.diseq.node.gossip.GossipInbox;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The consensus driver's one bounded input queue (docs/architecture.md §Consensus driver). Gossip may fill
 * {@code gossipCapacity} places (beyond that {@link #offer} refuses, and the HTTP side answers OVERLOADED); the
 * input reader's append notices are coalesced into at most one queued {@link Input.InputAppended}; completions of
 * the driver's own requests use a reserve that gossip cannot take, and their number is bounded by the requests
 * in flight. Nothing here blocks a producer.
 */
public final class DriverInbox implements GossipInbox {
    private static final int COMPLETION_RESERVE = 1_024;

    private final int gossipCapacity;
    private final BlockingQueue<Input> queue;
    private final AtomicInteger gossip = new AtomicInteger();
    private final AtomicBoolean appendQueued = new AtomicBoolean();

    public DriverInbox(int gossipCapacity) {
        this.gossipCapacity = gossipCapacity;
        this.queue = new ArrayBlockingQueue<>(gossipCapacity + COMPLETION_RESERVE);
    }

    @Override
    public boolean offer(GossipEnvelope e) {
        if (gossip.incrementAndGet() > gossipCapacity) {
            gossip.decrementAndGet();
            return false;
        }
        Input in = new Input.Gossip(e.sender(), e.type(), e.height(), e.round(), e.payload().toArray());
        if (!queue.offer(in)) {
            gossip.decrementAndGet();
            return false;
        }
        return true;
    }

    /** The input reader's append hook ({@code InputWindow.onAppend}): coalesced, never blocks. */
    public void inputAppended() {
        if (appendQueued.compareAndSet(false, true) && !queue.offer(new Input.InputAppended())) {
            appendQueued.set(false);
        }
    }

    /** A worker's answer to a driver request; false only if the reserve is exhausted (a bug). */
    public boolean complete(Input completion) {
        return queue.offer(completion);
    }

    /** Driver side: the next input, waiting at most {@code timeoutMs}; null if none came. */
    public Input take(long timeoutMs) throws InterruptedException {
        Input in = queue.poll(timeoutMs, TimeUnit.MILLISECONDS);
        if (in instanceof Input.Gossip) {
            gossip.decrementAndGet();
        } else if (in instanceof Input.InputAppended) {
            appendQueued.set(false);
        }
        return in;
    }

    @Override
    public int size() {
        return gossip.get();
    }
}
