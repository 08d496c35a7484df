package io.diseq.ingest.topology;

import io.diseq.schemas.IngestRejectCode;
import java.util.EnumMap;
import java.util.Map;

/** Test double that counts what the topology reports (not a mock: a real, simple implementation). */
final class CountingMetrics implements IngestMetrics {
    int accepted;
    int duplicates;
    int purged;
    final Map<IngestRejectCode, Integer> rejected = new EnumMap<>(IngestRejectCode.class);

    @Override
    public synchronized void accepted() {
        accepted++;
    }

    @Override
    public synchronized void duplicate() {
        duplicates++;
    }

    @Override
    public synchronized void rejected(IngestRejectCode code) {
        rejected.merge(code, 1, Integer::sum);
    }

    @Override
    public synchronized void purged(int entries) {
        purged += entries;
    }
}
