package io.diseq.ingest.topology;

import io.diseq.schemas.IngestRejectCode;

/**
 * Counters the topology reports to. Under exactly-once a crash replays the uncommitted records,
 * so these counts can exceed the topic contents by what was replayed; the topics are exact.
 * Implementations must be thread-safe (one call per record, from any stream thread).
 */
public interface IngestMetrics {
    IngestMetrics NONE = new IngestMetrics() {
        @Override
        public void accepted() {}

        @Override
        public void duplicate() {}

        @Override
        public void rejected(IngestRejectCode code) {}

        @Override
        public void purged(int entries) {}
    };

    /** A new message went to {@code <chain>.messages}. */
    void accepted();

    /** A message whose id was seen within the retention was not forwarded. */
    void duplicate();

    /** A raw record went to {@code <chain>.messages.rejected}. */
    void rejected(IngestRejectCode code);

    /** De-duplication entries older than the retention were removed. */
    void purged(int entries);
}
