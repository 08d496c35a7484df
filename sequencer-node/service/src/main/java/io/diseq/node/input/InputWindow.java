package io.diseq.node.input;

import io.diseq.core.chain.InputLog;
import io.diseq.core.chain.InputRecord;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The validator's mempool: a bounded window per partition over {@code <chain>.messages}
 * (docs/protocol.md §What a block contains; docs/architecture-node.md §Input window). The Kafka
 * poll thread only appends; the single consensus driver thread reads and drains. Each partition's
 * state is guarded by its own monitor, so the two threads never hold more than one lock and the
 * poll thread never waits on consensus work. It is the core's {@link InputLog} port.
 */
public final class InputWindow implements InputLog {
    private final SortedMap<Integer, PartitionWindow> partitions;
    private final List<Integer> partitionIds;
    private volatile Runnable onAppend = () -> { };

    /**
     * @param nextOffsets per partition, the next unsequenced offset (from the latest stored block;
     *                    0 for a partition no block has touched)
     */
    public InputWindow(Map<Integer, Long> nextOffsets, int maxRecordsPerPartition, long maxBytesPerPartition) {
        if (nextOffsets.isEmpty()) {
            throw new IllegalArgumentException("the input topic has no partitions");
        }
        SortedMap<Integer, PartitionWindow> windows = new TreeMap<>();
        nextOffsets.forEach((p, next) -> windows.put(p,
                new PartitionWindow(p, next, maxRecordsPerPartition, maxBytesPerPartition)));
        this.partitions = Collections.unmodifiableSortedMap(windows);
        this.partitionIds = List.copyOf(windows.keySet());
    }

    /** Called (on the poll thread, outside any lock) after new records were appended; must not block. */
    public void onAppend(Runnable listener) {
        this.onAppend = listener;
    }

    @Override
    public List<Integer> partitions() {
        return partitionIds;
    }

    @Override
    public long readPosition(int partition) {
        PartitionWindow w = window(partition);
        synchronized (w) {
            return w.readPosition();
        }
    }

    public long nextUnsequenced(int partition) {
        PartitionWindow w = window(partition);
        synchronized (w) {
            return w.nextUnsequenced();
        }
    }

    @Override
    public List<InputRecord> records(int partition, long fromOffset, long toOffset, int maxCount) {
        PartitionWindow w = window(partition);
        synchronized (w) {
            return w.records(fromOffset, toOffset, maxCount);
        }
    }

    /** After a decided block: the partition is sequenced up to {@code endOffsetExclusive}. */
    public void drainThrough(int partition, long endOffsetExclusive) {
        PartitionWindow w = window(partition);
        synchronized (w) {
            w.drainThrough(endOffsetExclusive);
        }
    }

    public List<PartitionFill> fill() {
        List<PartitionFill> out = new ArrayList<>(partitions.size());
        for (PartitionWindow w : partitions.values()) {
            synchronized (w) {
                out.add(w.fill());
            }
        }
        return out;
    }

    // ---- poll-thread side ----

    /** Appends a poll's records of one partition; returns the first offset not accepted, or -1. */
    long append(int partition, List<InputRecord> batch) {
        PartitionWindow w = window(partition);
        long rejected;
        synchronized (w) {
            rejected = w.append(batch);
        }
        onAppend.run();
        return rejected;
    }

    void advanceTo(int partition, long position) {
        PartitionWindow w = window(partition);
        synchronized (w) {
            w.advanceTo(position);
        }
    }

    boolean isFull(int partition) {
        PartitionWindow w = window(partition);
        synchronized (w) {
            return w.isFull();
        }
    }

    long takeSeek(int partition) {
        PartitionWindow w = window(partition);
        synchronized (w) {
            return w.takeSeek();
        }
    }

    private PartitionWindow window(int partition) {
        PartitionWindow w = partitions.get(partition);
        if (w == null) {
            throw new IllegalArgumentException("unknown partition " + partition);
        }
        return w;
    }
}
