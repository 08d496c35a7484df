package io.diseq.bench;

import io.diseq.core.chain.InputLog;
import io.diseq.core.chain.InputRecord;
import io.diseq.core.util.Bytes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** An in-memory input topic for the benchmarks: every appended record is read, offsets from 0. */
final class BenchInputLog implements InputLog {
    private final Map<Integer, List<InputRecord>> records = new TreeMap<>();

    BenchInputLog(int partitions) {
        for (int p = 0; p < partitions; p++) {
            records.put(p, new ArrayList<>());
        }
    }

    void append(int partition, byte[] body) {
        List<InputRecord> list = records.get(partition);
        list.add(new InputRecord(partition, list.size(), Bytes.wrap(body)));
    }

    @Override
    public List<Integer> partitions() {
        return List.copyOf(records.keySet());
    }

    @Override
    public long readPosition(int partition) {
        return records.get(partition).size();
    }

    @Override
    public List<InputRecord> records(int partition, long fromOffset, long toOffset, int maxRecords) {
        List<InputRecord> all = records.get(partition);
        return List.copyOf(all.subList((int) fromOffset, (int) Math.min(toOffset, fromOffset + maxRecords)));
    }
}
