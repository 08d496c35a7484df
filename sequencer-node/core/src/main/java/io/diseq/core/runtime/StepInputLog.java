package io.diseq.core.runtime;

import io.diseq.core.chain.InputLog;
import io.diseq.core.chain.InputRecord;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An input log whose read positions change only between steps (docs/architecture.md, "Record and replay"):
 * the shell calls {@link #freeze} before each step, so everything the runtime reads during that step is fixed
 * by the frozen positions and the records below them, although the reader thread goes on appending. That makes
 * a step a function of its recorded inputs, and it is what a recording stores.
 */
public final class StepInputLog implements InputLog {
    private final InputLog base;
    private Map<Integer, Long> frozen = Map.of();

    public StepInputLog(InputLog base) {
        this.base = base;
        freeze();
    }

    /** Fixes the read positions for the next step; returns them. */
    public Map<Integer, Long> freeze() {
        Map<Integer, Long> positions = new TreeMap<>();
        for (int p : base.partitions()) {
            positions.put(p, base.readPosition(p));
        }
        frozen = positions;
        return frozen;
    }

    /** The records of {@code [from, to)} the base holds (for a recorder). */
    public List<InputRecord> held(int partition, long from, long to) {
        return from >= to ? List.of() : base.records(partition, from, to, Integer.MAX_VALUE);
    }

    @Override
    public List<Integer> partitions() {
        return List.copyOf(frozen.keySet());
    }

    @Override
    public long readPosition(int partition) {
        return frozen.getOrDefault(partition, 0L);
    }

    @Override
    public List<InputRecord> records(int partition, long fromOffset, long toOffset, int maxRecords) {
        return base.records(partition, fromOffset, Math.min(toOffset, readPosition(partition)), maxRecords);
    }
}
