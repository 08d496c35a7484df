package io.diseq.ingest.topology;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Forwards a message only the first time its id is seen (docs/ingest.md §De-duplication). An id is
 * remembered for at least {@code dedupRetentionMs} of wall-clock time from when ingest first saw it
 * (at most that plus a purge interval while the purge keeps up). Wall clock rather than record
 * timestamps: producers choose record timestamps, and a far-future one must not pin or expire state.
 * A duplicate is a legitimate replay (a producer retry or re-send), not a reject: it is counted and
 * dropped, never dead-lettered. Beyond the retention, the validators' state trie refuses an id that
 * was already sequenced.
 */
final class DedupProcessor implements Processor<byte[], byte[], byte[], byte[]> {
    private static final byte[] EMPTY = new byte[0];

    private final IngestSettings settings;
    private final IngestMetrics metrics;
    private ProcessorContext<byte[], byte[]> context;
    private KeyValueStore<Bytes, Long> ids;
    private KeyValueStore<Bytes, byte[]> expiry;

    DedupProcessor(IngestSettings settings, IngestMetrics metrics) {
        this.settings = settings;
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<byte[], byte[]> context) {
        this.context = context;
        this.ids = context.getStateStore(DedupStores.IDS);
        this.expiry = context.getStateStore(DedupStores.EXPIRY);
        context.schedule(Duration.ofMillis(settings.purgeIntervalMs()), PunctuationType.WALL_CLOCK_TIME, this::purge);
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        Bytes id = Bytes.wrap(record.key());
        if (ids.get(id) != null) {
            metrics.duplicate();
            return;
        }
        long nowMs = Math.max(0, context.currentSystemTimeMs());
        ids.put(id, nowMs);
        expiry.put(DedupStores.expiryKey(nowMs, record.key()), EMPTY);
        context.forward(record);
        metrics.accepted();
    }

    /** Removes up to purgeBatchMax ids first seen at or before now − retention, oldest first. */
    void purge(long nowMs) {
        long cutoffMs = nowMs - settings.dedupRetentionMs();
        if (cutoffMs < 0) {
            return;
        }
        List<Bytes> expired = new ArrayList<>();
        try (KeyValueIterator<Bytes, byte[]> it =
                     expiry.range(DedupStores.expiryKey(0, new byte[DedupStores.ID_BYTES]),
                             DedupStores.lastExpiryKeyAt(cutoffMs))) {
            while (it.hasNext() && expired.size() < settings.purgeBatchMax()) {
                expired.add(it.next().key);
            }
        }
        for (Bytes key : expired) {
            expiry.delete(key);
            ids.delete(DedupStores.idOf(key));
        }
        if (!expired.isEmpty()) {
            metrics.purged(expired.size());
        }
    }
}
