package io.diseq.node.input;

import io.diseq.core.chain.InputRecord;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The held records of one partition (docs/architecture-node.md §Input window): every record with
 * {@code nextUnsequenced ≤ offset < readPosition}, ascending, bounded by a record count and a
 * payload byte count. Not thread-safe: {@link InputWindow} guards each instance with its monitor.
 * Offsets without a record (transaction markers, aborted records) are simply absent.
 */
final class PartitionWindow {
    private final int partition;
    private final int maxRecords;
    private final long maxBytes;
    private final ArrayDeque<InputRecord> records = new ArrayDeque<>();
    private long bytes;
    private long nextUnsequenced;
    private long readPosition;
    private boolean seekPending;

    PartitionWindow(int partition, long nextUnsequenced, int maxRecords, long maxBytes) {
        this.partition = partition;
        this.nextUnsequenced = nextUnsequenced;
        this.readPosition = nextUnsequenced;
        this.maxRecords = maxRecords;
        this.maxBytes = maxBytes;
    }

    /**
     * Appends records read by the consumer, in offset order, until the window is full; records
     * below the read position (already held or already sequenced) are ignored. Returns the offset
     * of the first record NOT accepted, or -1 if every record was accepted or ignored.
     */
    long append(List<InputRecord> batch) {
        for (InputRecord r : batch) {
            if (r.offset() < readPosition) {
                continue;
            }
            if (!hasRoomFor(r)) {
                return r.offset();
            }
            records.addLast(r);
            bytes += r.payload().length();
            readPosition = r.offset() + 1;
        }
        return -1;
    }

    /** Always admits a record into an empty window, so that one maximal message can never stall the reader. */
    private boolean hasRoomFor(InputRecord r) {
        return records.isEmpty() || (records.size() < maxRecords && bytes + r.payload().length() <= maxBytes);
    }

    /** The consumer has read the partition completely up to {@code position} (it may skip markers). */
    void advanceTo(long position) {
        if (!seekPending && position > readPosition) {
            readPosition = position;
        }
    }

    boolean isFull() {
        return records.size() >= maxRecords || bytes >= maxBytes;
    }

    /**
     * A block sequenced this partition up to {@code endExclusive}: drop those records. If the block
     * reaches past what was read (blocks fetched during catch-up), the window restarts there and
     * asks the reader to seek.
     */
    void drainThrough(long endExclusive) {
        if (endExclusive <= nextUnsequenced) {
            return;
        }
        while (!records.isEmpty() && records.peekFirst().offset() < endExclusive) {
            bytes -= records.removeFirst().payload().length();
        }
        nextUnsequenced = endExclusive;
        if (endExclusive > readPosition) {
            readPosition = endExclusive;
            seekPending = true;
        }
    }

    /** Returns the offset the consumer must seek to, or -1; clears the request. */
    long takeSeek() {
        if (!seekPending) {
            return -1;
        }
        seekPending = false;
        return readPosition;
    }

    List<InputRecord> records(long fromOffset, long toOffset, int maxCount) {
        List<InputRecord> out = new ArrayList<>();
        for (InputRecord r : records) {
            if (r.offset() >= toOffset || out.size() >= maxCount) {
                break;
            }
            if (r.offset() >= fromOffset) {
                out.add(r);
            }
        }
        return out;
    }

    long readPosition() {
        return readPosition;
    }

    long nextUnsequenced() {
        return nextUnsequenced;
    }

    PartitionFill fill() {
        return new PartitionFill(partition, nextUnsequenced, readPosition, records.size(), bytes, isFull());
    }
}
