package io.diseq.node.gossip;

/**
 * The bounded hand-off of verified envelopes from HTTP request threads to the consensus driver thread.
 * Request threads never wait: when full, {@link #offer} fails and the sender is told OVERLOADED (it retries
 * later, and periodic rebroadcast covers anything dropped).
 */
public interface GossipInbox {
    /** Queues a verified envelope; false when the inbox is full. Never blocks. */
    boolean offer(GossipEnvelope envelope);

    /** Envelopes queued and not yet taken. */
    int size();
}
