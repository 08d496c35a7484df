package io.diseq.core.sim;

import io.diseq.core.chain.InputLog;
import io.diseq.core.chain.InputRecord;
import java.util.ArrayList;
import java.util.List;

/**
 * One node's {@link InputLog} port over the shared {@link SimTopic} (docs/simulation.md, "Input log"): it
 * has read exactly what its {@link SimTopic.View} sees, so a lagging reader sees a prefix of the topic.
 */
final class SimInputLog implements InputLog {
    private final SimTopic.View view;
    private final List<Integer> partitions;

    SimInputLog(SimTopic.View view) {
        this.view = view;
        List<Integer> ps = new ArrayList<>();
        for (int p = 0; p < view.partitionCount(); p++) {
            ps.add(p);
        }
        this.partitions = List.copyOf(ps);
    }

    @Override
    public List<Integer> partitions() {
        return partitions;
    }

    @Override
    public long readPosition(int partition) {
        return view.visibleEnd(partition);
    }

    @Override
    public List<InputRecord> records(int partition, long fromOffset, long toOffset, int maxRecords) {
        long end = Math.min(toOffset, readPosition(partition));
        List<InputRecord> out = new ArrayList<>();
        for (long o = Math.max(0, fromOffset); o < end && out.size() < maxRecords; o++) {
            SimTopic.Rec r = view.read(partition, o);
            out.add(new InputRecord(partition, o, r.payload()));
        }
        return out;
    }
}
