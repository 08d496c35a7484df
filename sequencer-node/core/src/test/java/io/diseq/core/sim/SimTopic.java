package io.diseq.core.sim;

import io.diseq.core.crypto.Keccak256;
import io.diseq.core.util.Bytes;
import java.util.ArrayList;
import java.util.List;

/**
 * The shared simulated Kafka topic {@code <chain>.messages} (docs/simulation.md, "Input log"): several
 * partitions, append-only, each record stamped with the simulated time it was appended. Every node reads
 * it through its own {@link View}, which sees a record only {@code lagMs} after it was appended, so a
 * lagging reader is modelled without copying data.
 */
final class SimTopic {
    /** One record: its position, payload, message id (keccak256 of the payload) and append time. */
    record Rec(int partition, long offset, Bytes payload, Bytes id, long appendedAtMs) {
    }

    private final List<List<Rec>> partitions = new ArrayList<>();

    SimTopic(int partitionCount) {
        if (partitionCount < 1) {
            throw new IllegalArgumentException("at least one partition");
        }
        for (int p = 0; p < partitionCount; p++) {
            partitions.add(new ArrayList<>());
        }
    }

    int partitionCount() {
        return partitions.size();
    }

    Rec append(int partition, byte[] payload, long nowMs) {
        List<Rec> part = partitions.get(partition);
        Rec rec = new Rec(partition, part.size(), Bytes.of(payload), Bytes.wrap(Keccak256.hash(payload)), nowMs);
        part.add(rec);
        return rec;
    }

    long endOffset(int partition) {
        return partitions.get(partition).size();
    }

    /** The record at (partition, offset), or {@code null} when the topic has no such record. */
    Rec get(int partition, long offset) {
        if (partition < 0 || partition >= partitions.size()) {
            return null;
        }
        List<Rec> part = partitions.get(partition);
        return offset < 0 || offset >= part.size() ? null : part.get((int) offset);
    }

    /** The number of records in {@code partition} appended at or before {@code atMs}. */
    long endOffsetAt(int partition, long atMs) {
        List<Rec> part = partitions.get(partition);
        int lo = 0;
        int hi = part.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (part.get(mid).appendedAtMs() <= atMs) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    View view(Scheduler scheduler) {
        return new View(scheduler);
    }

    /** One node's reader: sees what was appended at least {@code lagMs} ago. */
    final class View {
        private final Scheduler scheduler;
        private long lagMs;

        private View(Scheduler scheduler) {
            this.scheduler = scheduler;
        }

        void lagMs(long lagMs) {
            this.lagMs = Math.max(0, lagMs);
        }

        long lagMs() {
            return lagMs;
        }

        long visibleEnd(int partition) {
            return endOffsetAt(partition, scheduler.nowMs() - lagMs);
        }

        /** The record if this reader already sees it, else {@code null}. */
        Rec read(int partition, long offset) {
            return offset < visibleEnd(partition) ? get(partition, offset) : null;
        }

        int partitionCount() {
            return SimTopic.this.partitionCount();
        }
    }
}
