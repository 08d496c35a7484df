package io.diseq.core.sim;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The simulated gossip network between node instances (docs/simulation.md, "Fault model"). Every message
 * is delivered through the {@link Scheduler} after a delay drawn from the run's random source; the
 * link policy may drop it, duplicate it or hold it back long enough to overtake later messages.
 * A partition splits the instances into groups; a message between groups is dropped, exactly like a
 * lossy link, and nothing is replayed at heal: recovery is the protocol's job (timeouts, round skips,
 * catch-up), not the network's.
 *
 * @param <M> the message type the nodes exchange
 */
final class SimNetwork<M> {
    /** Receives a delivered message. */
    interface Receiver<M> {
        void deliver(int from, int to, M message);
    }

    /**
     * A content-aware network adversary (docs/simulation.md, "Split-lock plan"): decides, without drawing
     * from the run's random source, whether one message from one instance reaches another at all.
     */
    interface Filter<M> {
        boolean pass(int from, int to, M message);
    }

    /** Link behaviour; all probabilities in [0, 1], delays in simulated milliseconds. */
    record LinkPolicy(double dropP, double duplicateP, long minDelayMs, long maxDelayMs,
                      double reorderP, long reorderExtraMs) {
        static final LinkPolicy PERFECT = new LinkPolicy(0, 0, 1, 1, 0, 0);

        LinkPolicy {
            if (minDelayMs < 0 || maxDelayMs < minDelayMs || reorderExtraMs < 0) {
                throw new IllegalArgumentException("bad delays");
            }
        }

        /** The same delays, no loss, no duplication: what a healed network looks like. */
        LinkPolicy healed() {
            return new LinkPolicy(0, 0, minDelayMs, Math.min(maxDelayMs, minDelayMs + 50), 0, 0);
        }
    }

    private final Scheduler scheduler;
    private final SplittableRandom random;
    private final TraceRing trace;
    private final int size;
    private final int[] groupOf;
    private final boolean[] down;
    private Receiver<M> receiver;
    private Filter<? super M> filter = (from, to, message) -> true;
    private LinkPolicy policy;
    private long sent;
    private long delivered;
    private long dropped;

    SimNetwork(int size, Scheduler scheduler, SplittableRandom random, TraceRing trace, LinkPolicy policy) {
        this.size = size;
        this.scheduler = scheduler;
        this.random = random;
        this.trace = trace;
        this.policy = policy;
        this.groupOf = new int[size];
        this.down = new boolean[size];
    }

    void receiver(Receiver<M> receiver) {
        this.receiver = receiver;
    }

    int size() {
        return size;
    }

    void filter(Filter<? super M> filter) {
        this.filter = filter;
    }

    LinkPolicy policy() {
        return policy;
    }

    void policy(LinkPolicy policy) {
        this.policy = policy;
    }

    /** Splits the instances: {@code groups[i]} is the group of instance i; only equal groups talk. */
    void partition(int[] groups) {
        if (groups.length != size) {
            throw new IllegalArgumentException("one group per instance");
        }
        System.arraycopy(groups, 0, groupOf, 0, size);
        trace.add(scheduler.nowMs(), "net partition " + Arrays.toString(groups));
    }

    void heal() {
        Arrays.fill(groupOf, 0);
        trace.add(scheduler.nowMs(), "net heal");
    }

    boolean connected(int a, int b) {
        return groupOf[a] == groupOf[b];
    }

    /** A crashed instance neither sends nor receives; messages in flight to it are lost on arrival. */
    void down(int instance, boolean isDown) {
        down[instance] = isDown;
    }

    void broadcast(int from, M message) {
        for (int to = 0; to < size; to++) {
            if (to != from) {
                send(from, to, message);
            }
        }
    }

    void send(int from, int to, M message) {
        sent++;
        if (down[from] || !connected(from, to) || !filter.pass(from, to, message) || chance(policy.dropP())) {
            dropped++;
            return;
        }
        schedule(from, to, message);
        if (chance(policy.duplicateP())) {
            schedule(from, to, message);
        }
    }

    private void schedule(int from, int to, M message) {
        long delay = policy.minDelayMs() + (policy.maxDelayMs() > policy.minDelayMs()
                ? random.nextLong(policy.maxDelayMs() - policy.minDelayMs() + 1) : 0);
        if (chance(policy.reorderP())) {
            delay += random.nextLong(policy.reorderExtraMs() + 1);
        }
        scheduler.after(delay, "deliver", () -> arrive(from, to, message));
    }

    private void arrive(int from, int to, M message) {
        if (down[to] || !connected(from, to)) {
            dropped++;
            return;
        }
        delivered++;
        receiver.deliver(from, to, message);
    }

    private boolean chance(double p) {
        return p > 0 && random.nextDouble() < p;
    }

    String stats() {
        return "sent=" + sent + " delivered=" + delivered + " dropped=" + dropped;
    }
}
