package io.diseq.core.consensus;

import io.diseq.core.chain.InputLog;
import io.diseq.core.chain.InputRecord;
import io.diseq.core.util.Bytes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** An in-memory input log for tests and benchmarks: records are appended per partition; gaps model transaction markers. */
public final class TestInputLog implements InputLog {
    private final Map<Integer, List<InputRecord>> records = new TreeMap<>();
    private final Map<Integer, Long> positions = new TreeMap<>();

    public TestInputLog(int partitions) {
        for (int p = 0; p < partitions; p++) {
            records.put(p, new ArrayList<>());
            positions.put(p, 0L);
        }
    }

    /** Appends a record at the partition's read position and advances it by one. */
    public InputRecord append(int partition, byte[] payload) {
        InputRecord r = new InputRecord(partition, positions.get(partition), Bytes.of(payload));
        records.get(partition).add(r);
        positions.put(partition, r.offset() + 1);
        return r;
    }

    /** Advances the read position without a record (a transaction marker). */
    public void skipOffsets(int partition, int count) {
        positions.merge(partition, (long) count, Long::sum);
    }

    @Override
    public List<Integer> partitions() {
        return List.copyOf(records.keySet());
    }

    @Override
    public long readPosition(int partition) {
        return positions.get(partition);
    }

    @Override
    public List<InputRecord> records(int partition, long fromOffset, long toOffset, int maxRecords) {
        List<InputRecord> all = records.get(partition);
        int lo = 0;
        int hi = all.size();
        while (lo < hi) { // offsets ascend: the first record at or after fromOffset, by bisection
            int mid = (lo + hi) >>> 1;
            if (all.get(mid).offset() < fromOffset) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        List<InputRecord> out = new ArrayList<>();
        for (int i = lo; i < all.size() && all.get(i).offset() < toOffset && out.size() < maxRecords; i++) {
            out.add(all.get(i));
        }
        return out;
    }
}
