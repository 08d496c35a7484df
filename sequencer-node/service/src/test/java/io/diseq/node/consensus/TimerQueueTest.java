package io.diseq.node.consensus;

import static org.assertj.core.api.Assertions.assertThat;

import io.diseq.core.consensus.Effect;
import io.diseq.core.consensus.Event;
import io.diseq.core.consensus.TimeoutStep;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class TimerQueueTest {
    @Test
    void firesInTimeOrderOnlyWhenDue() {
        TimerQueue q = new TimerQueue(16);
        q.schedule(new Effect.ScheduleTimeout(1, 0, TimeoutStep.PREVOTE, 300));
        q.schedule(new Effect.ScheduleTimeout(1, 0, TimeoutStep.PROPOSE, 100));
        q.schedule(new Effect.ScheduleTimeout(1, 1, TimeoutStep.PROPOSE, 100));

        assertThat(q.msUntilNext(40, 1000)).isEqualTo(60);
        assertThat(q.takeDue(99)).isEmpty();
        assertThat(q.takeDue(100)).containsExactly(new Event.TimeoutFired(1, 0, TimeoutStep.PROPOSE),
                new Event.TimeoutFired(1, 1, TimeoutStep.PROPOSE));
        assertThat(q.msUntilNext(500, 1000)).isZero();
        assertThat(q.takeDue(500)).containsExactly(new Event.TimeoutFired(1, 0, TimeoutStep.PREVOTE));
        assertThat(q.msUntilNext(500, 1000)).isEqualTo(1000);
    }

    @Test
    void whenFullDropsTimeoutsOfOlderHeights() {
        TimerQueue q = new TimerQueue(2);
        q.schedule(new Effect.ScheduleTimeout(1, 0, TimeoutStep.PROPOSE, 100));
        q.schedule(new Effect.ScheduleTimeout(1, 1, TimeoutStep.PROPOSE, 200));
        q.schedule(new Effect.ScheduleTimeout(2, 0, TimeoutStep.PROPOSE, 300));

        assertThat(q.size()).isEqualTo(1);
        assertThat(q.takeDue(1000)).containsExactly(new Event.TimeoutFired(2, 0, TimeoutStep.PROPOSE));
    }
}
