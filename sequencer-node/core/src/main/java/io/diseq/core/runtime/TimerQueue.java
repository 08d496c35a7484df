package io.diseq.core.runtime;

import io.diseq.core.consensus.Effect;
import io.diseq.core.consensus.Event;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

/**
 * The core's timeouts (CometBFT's ticker): due ones become {@link Event.TimeoutFired}; those of heights below
 * the current one are dropped when the height advances, and the queue is bounded (the core schedules a few per
 * round). Ties fire in scheduling order, so stepping is deterministic. Runtime thread only.
 */
final class TimerQueue {
    static final int MAX_TIMERS = 4_096;

    private record Timer(long fireAtMs, long seq, Effect.ScheduleTimeout timeout) {
    }

    private final PriorityQueue<Timer> queue = new PriorityQueue<>((a, b) -> a.fireAtMs != b.fireAtMs
            ? Long.compare(a.fireAtMs, b.fireAtMs) : Long.compare(a.seq, b.seq));
    private long seq;

    void schedule(Effect.ScheduleTimeout t) {
        if (queue.size() >= MAX_TIMERS) {
            throw new IllegalStateException("more than " + MAX_TIMERS + " pending timeouts: the core is looping");
        }
        queue.add(new Timer(t.fireAtMs(), seq++, t));
    }

    List<Event.TimeoutFired> takeDue(long nowMs) {
        List<Event.TimeoutFired> due = new ArrayList<>();
        while (!queue.isEmpty() && queue.peek().fireAtMs <= nowMs) {
            Effect.ScheduleTimeout t = queue.poll().timeout;
            due.add(new Event.TimeoutFired(t.height(), t.round(), t.step()));
        }
        return due;
    }

    void dropBelow(long height) {
        queue.removeIf(t -> t.timeout.height() < height);
    }

    /** When the next timer fires, or {@code Long.MAX_VALUE}. */
    long nextMs() {
        return queue.isEmpty() ? Long.MAX_VALUE : queue.peek().fireAtMs;
    }

    int size() {
        return queue.size();
    }
}
