package io.diseq.node.gossip;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The bounded hand-off from HTTP request threads to the single consensus driver thread. Request
 * threads never wait: when full, {@link #offer} fails and the sender is told OVERLOADED (it retries
 * later, and periodic rebroadcast covers anything dropped).
 */
public final class GossipInbox {
    private final BlockingQueue<GossipEnvelope> queue;

    public GossipInbox(int capacity) {
        this.queue = new ArrayBlockingQueue<>(capacity);
    }

    public boolean offer(GossipEnvelope envelope) {
        return queue.offer(envelope);
    }

    /** Driver side: waits up to {@code timeoutMs} for one envelope, then takes up to {@code max} in total. */
    public List<GossipEnvelope> take(int max, long timeoutMs) throws InterruptedException {
        List<GossipEnvelope> out = new ArrayList<>();
        GossipEnvelope first = queue.poll(timeoutMs, TimeUnit.MILLISECONDS);
        if (first != null) {
            out.add(first);
            queue.drainTo(out, max - 1);
        }
        return out;
    }

    public int size() {
        return queue.size();
    }
}
