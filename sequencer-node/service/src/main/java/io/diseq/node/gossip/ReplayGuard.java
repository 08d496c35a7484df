package io.diseq.node.gossip;

import java.util.BitSet;

/**
 * Per-sender replay protection over sequence numbers, as a sliding window (the IPsec scheme): a
 * sequence is accepted once; sequences more than {@code window} behind the sender's newest are
 * refused. The window tolerates the reordering that concurrent HTTP requests and retries cause,
 * which a strict "greater than the last" rule would turn into lost messages. Only envelopes whose
 * signature verified may be recorded, so a forger cannot advance a sender's window. Thread-safe.
 */
final class ReplayGuard {
    private final int window;
    private final Sender[] senders;

    ReplayGuard(int validators, int window) {
        if (window < 1) {
            throw new IllegalArgumentException("window must be >= 1");
        }
        this.window = window;
        this.senders = new Sender[validators];
        for (int i = 0; i < validators; i++) {
            senders[i] = new Sender(window);
        }
    }

    /** True iff {@code sequence} was not seen from {@code sender} and is within the window; records it. */
    boolean accept(int sender, long sequence) {
        Sender s = senders[sender];
        synchronized (s) {
            return s.accept(sequence, window);
        }
    }

    private static final class Sender {
        private long newest = -1;
        private final BitSet seen;

        Sender(int window) {
            this.seen = new BitSet(window);
        }

        boolean accept(long sequence, int window) {
            if (sequence > newest) {
                long shift = sequence - newest;
                if (newest < 0 || shift >= window) {
                    seen.clear();
                } else {
                    for (long s = newest + 1; s < sequence; s++) {
                        seen.clear((int) (s % window));
                    }
                }
                newest = sequence;
                seen.set((int) (sequence % window));
                return true;
            }
            if (newest - sequence >= window) {
                return false;
            }
            int bit = (int) (sequence % window);
            if (seen.get(bit)) {
                return false;
            }
            seen.set(bit);
            return true;
        }
    }
}
