package io.diseq.harness;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * The seeded fault schedule: an endless sequence of rounds, each holding every enabled fault kind once
 * in a shuffled order, each fault with its target validators, how long it lasts and the quiet time
 * before it. Everything is drawn from one {@link Random} seeded with the run's seed, so a run replays
 * from its seed: the same faults on the same validators with the same holds, in the same order (how
 * many of them fit in the run's duration depends on how fast the system recovers).
 */
final class FaultSchedule {
    /** What the runner does to the system. */
    enum Kind {
        /** kill -9 of one validator at a random moment; restarted after the hold. */
        KILL,
        /** kill -9 of one validator right after a new height's block record appears (its block write). */
        KILL_ON_WRITE,
        /** SIGSTOP of one validator for longer than the consensus timeouts, then SIGCONT. */
        FREEZE,
        /** One validator cut off from its peers (every gossip proxy link to and from it), then healed. */
        PARTITION,
        /** f+1 validators killed: the chain must halt, not fork; restarted: it must resume. */
        HALT,
        /** kill -9 of ingest, restarted after the hold. */
        INGEST_KILL,
        /** The Kafka broker stopped (SIGTERM) and started again on its data. */
        BROKER_RESTART,
        /** One validator's own PostgreSQL server stopped (fast shutdown) and started again. */
        POSTGRES_STOP
    }

    /** One planned fault: the kind, the validators it hits (none for ingest and the broker), its hold and the quiet time before it. */
    record Fault(int index, Kind kind, List<Integer> targets, long holdMs, long delayMs) {
        String describe() {
            return kind + (targets.isEmpty() ? "" : " " + targets.stream().map(t -> "v" + t).toList()) + " for "
                    + holdMs + " ms";
        }
    }

    private final Random random;
    private final List<Kind> kinds;
    private final int validators;
    private final long minDelayMs;
    private final long maxDelayMs;
    private final List<Kind> round = new ArrayList<>();
    private int next;

    FaultSchedule(long seed, List<Kind> kinds, int validators, long minDelayMs, long maxDelayMs) {
        if (kinds.isEmpty()) {
            throw new IllegalArgumentException("no fault kinds");
        }
        this.random = new Random(seed);
        this.kinds = List.copyOf(kinds);
        this.validators = validators;
        this.minDelayMs = minDelayMs;
        this.maxDelayMs = maxDelayMs;
    }

    /** The next fault of the sequence. */
    Fault next() {
        if (round.isEmpty()) {
            round.addAll(kinds);
            Collections.shuffle(round, random);
        }
        Kind kind = round.remove(0);
        long delay = between(minDelayMs, maxDelayMs);
        int f = (validators - 1) / 3;
        List<Integer> targets = switch (kind) {
            case INGEST_KILL, BROKER_RESTART -> List.of();
            case HALT -> distinct(f + 1);
            default -> distinct(1);
        };
        long hold = switch (kind) {
            case KILL, KILL_ON_WRITE, INGEST_KILL -> between(2_000, 8_000);
            case FREEZE, PARTITION -> between(8_000, 15_000);
            case HALT -> between(8_000, 12_000);
            case BROKER_RESTART -> between(1_000, 4_000);
            case POSTGRES_STOP -> between(4_000, 10_000);
        };
        return new Fault(next++, kind, targets, hold, delay);
    }

    private List<Integer> distinct(int count) {
        List<Integer> all = new ArrayList<>();
        for (int i = 0; i < validators; i++) {
            all.add(i);
        }
        Collections.shuffle(all, random);
        List<Integer> picked = new ArrayList<>(all.subList(0, count));
        Collections.sort(picked);
        return List.copyOf(picked);
    }

    private long between(long from, long to) {
        return from + (long) (random.nextDouble() * (to - from));
    }
}
