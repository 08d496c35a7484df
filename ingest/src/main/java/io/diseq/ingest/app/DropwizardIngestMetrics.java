package io.diseq.ingest.app;

import com.codahale.metrics.Meter;
import com.codahale.metrics.MetricRegistry;
import io.diseq.ingest.topology.IngestMetrics;
import io.diseq.schemas.IngestRejectCode;
import java.util.EnumMap;
import java.util.Map;

/**
 * {@link IngestMetrics} in the Dropwizard registry (docs/ingest.md §Metrics). Names:
 * {@code diseq.ingest.accepted}, {@code diseq.ingest.duplicates}, {@code diseq.ingest.rejected.<CODE>}
 * (one per code, registered up front so that zero is visible), {@code diseq.ingest.dedup.purged}.
 */
public final class DropwizardIngestMetrics implements IngestMetrics {
    public static final String PREFIX = "diseq.ingest.";

    private final Meter accepted;
    private final Meter duplicates;
    private final Meter purged;
    private final Map<IngestRejectCode, Meter> rejected = new EnumMap<>(IngestRejectCode.class);

    public DropwizardIngestMetrics(MetricRegistry registry) {
        accepted = registry.meter(PREFIX + "accepted");
        duplicates = registry.meter(PREFIX + "duplicates");
        purged = registry.meter(PREFIX + "dedup.purged");
        for (IngestRejectCode code : IngestRejectCode.values()) {
            rejected.put(code, registry.meter(PREFIX + "rejected." + code.wire()));
        }
    }

    @Override
    public void accepted() {
        accepted.mark();
    }

    @Override
    public void duplicate() {
        duplicates.mark();
    }

    @Override
    public void rejected(IngestRejectCode code) {
        rejected.get(code).mark();
    }

    @Override
    public void purged(int entries) {
        purged.mark(entries);
    }
}
