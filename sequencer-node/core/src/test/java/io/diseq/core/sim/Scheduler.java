package io.diseq.core.sim;

import java.util.PriorityQueue;

/**
 * The simulator's only notion of time (docs/simulation.md, "Architecture"): a queue of actions ordered
 * by simulated time, ties broken by insertion order so that one seed always yields one schedule.
 * Nothing in a simulation reads a real clock; every delay is drawn from the run's single random source.
 */
final class Scheduler {
    private record Entry(long atMs, long seq, String label, Runnable action) implements Comparable<Entry> {
        @Override
        public int compareTo(Entry o) {
            int c = Long.compare(atMs, o.atMs);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }

    private final PriorityQueue<Entry> queue = new PriorityQueue<>();
    private long nowMs;
    private long seq;
    private long executed;

    long nowMs() {
        return nowMs;
    }

    long executed() {
        return executed;
    }

    /** Schedules {@code action} at {@code atMs}; a time in the past runs at the current time, never earlier. */
    void at(long atMs, String label, Runnable action) {
        queue.add(new Entry(Math.max(atMs, nowMs), seq++, label, action));
    }

    void after(long delayMs, String label, Runnable action) {
        at(nowMs + Math.max(0, delayMs), label, action);
    }

    /**
     * Runs the earliest action, advancing time to it.
     *
     * @return the label of the action that ran, or {@code null} when the queue is empty
     */
    String runNext() {
        Entry e = queue.poll();
        if (e == null) {
            return null;
        }
        nowMs = e.atMs;
        executed++;
        e.action.run();
        return e.label;
    }

    /** The time of the next action, or {@link Long#MAX_VALUE} when nothing is scheduled. */
    long nextAtMs() {
        Entry e = queue.peek();
        return e == null ? Long.MAX_VALUE : e.atMs;
    }
}
