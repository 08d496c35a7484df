package io.diseq.node.consensus;

import io.diseq.core.consensus.Effect;
import io.diseq.core.consensus.Event;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

/**
 * The driver's pending timeouts, ordered by fire time on the driver's injected clock (CONSENSUS-API.md:
 * stale timeouts are ignored by the core, so none is ever cancelled). Owned by the driver thread;
 * not thread-safe. Bounded: the core schedules at most a few timeouts per round, so when more than
 * {@code capacity} are pending, those of heights below the newest one are dropped first (they are
 * stale for the core anyway).
 */
final class TimerQueue {
    private final PriorityQueue<Entry> queue = new PriorityQueue<>();
    private final int capacity;
    private long sequence;

    TimerQueue(int capacity) {
        this.capacity = capacity;
    }

    void schedule(Effect.ScheduleTimeout t) {
        if (queue.size() >= capacity) {
            queue.removeIf(e -> e.event.height() < t.height());
            if (queue.size() >= capacity) {
                throw new IllegalStateException("more than " + capacity + " timeouts pending for one height");
            }
        }
        queue.add(new Entry(t.fireAtMs(), sequence++, new Event.TimeoutFired(t.height(), t.round(), t.step())));
    }

    /** Every timeout due at {@code nowMs}, in fire-time order (ties in scheduling order). */
    List<Event.TimeoutFired> takeDue(long nowMs) {
        List<Event.TimeoutFired> due = new ArrayList<>();
        while (!queue.isEmpty() && queue.peek().fireAtMs <= nowMs) {
            due.add(queue.poll().event);
        }
        return due;
    }

    /** Milliseconds until the next timeout (0 if one is due), or {@code max} if none is pending sooner. */
    long msUntilNext(long nowMs, long max) {
        Entry next = queue.peek();
        return next == null ? max : Math.max(0, Math.min(max, next.fireAtMs - nowMs));
    }

    int size() {
        return queue.size();
    }

    private record Entry(long fireAtMs, long seq, Event.TimeoutFired event) implements Comparable<Entry> {
        @Override
        public int compareTo(Entry o) {
            int c = Long.compare(fireAtMs, o.fireAtMs);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }
}
