package io.diseq.node.metrics;

import com.codahale.metrics.Metric;
import com.codahale.metrics.MetricRegistry;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * A histogram with fixed, cumulative-on-export buckets, exported to Prometheus as a real histogram
 * ({@code _bucket{le="..."}}, {@code _sum}, {@code _count}) by {@link BucketHistogramExports}, so that
 * dashboards aggregate it across validators ({@code histogram_quantile} over {@code sum by (le)}),
 * which Dropwizard's reservoir summaries cannot do. Lives in the Dropwizard registry (so it is
 * registered and found like any metric) but Dropwizard's own exporters ignore it. Thread-safe; an
 * observation is two {@link LongAdder} increments.
 */
public final class BucketHistogram implements Metric {
    /** Upper bounds (ms) for durations from a millisecond to tens of seconds: finality, store, gossip. */
    public static final long[] LATENCY_MS = {1, 2, 5, 10, 25, 50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000, 30_000};

    private final long[] bounds;
    private final LongAdder[] counts;
    private final LongAdder sum = new LongAdder();

    public BucketHistogram(long[] upperBounds) {
        this.bounds = upperBounds.clone();
        for (int i = 1; i < bounds.length; i++) {
            if (bounds[i] <= bounds[i - 1]) {
                throw new IllegalArgumentException("bucket bounds must increase");
            }
        }
        this.counts = new LongAdder[bounds.length + 1];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = new LongAdder();
        }
    }

    /**
     * Bucket histograms by registry. They are kept beside the Dropwizard registry, not in it: a registry with a
     * listener (any reporter, JMX among them) refuses metric types it does not know, which would stop the node.
     */
    private static final Map<MetricRegistry, Map<String, BucketHistogram>> BY_REGISTRY = new WeakHashMap<>();

    /** The histogram named {@code name} of {@code registry}, created with {@link #LATENCY_MS} on first use. */
    public static synchronized BucketHistogram latencyMs(MetricRegistry registry, String name) {
        return BY_REGISTRY.computeIfAbsent(registry, r -> new TreeMap<>())
                .computeIfAbsent(name, n -> new BucketHistogram(LATENCY_MS));
    }

    /** The bucket histograms of {@code registry}, by name (a snapshot of the names). */
    public static synchronized Map<String, BucketHistogram> of(MetricRegistry registry) {
        return new TreeMap<>(BY_REGISTRY.getOrDefault(registry, Map.of()));
    }

    public void update(long value) {
        int i = Arrays.binarySearch(bounds, value);
        counts[i >= 0 ? i : -i - 1].increment();
        sum.add(value);
    }

    /** Upper bounds of the finite buckets (the last bucket, +Inf, is implicit). */
    long[] bounds() {
        return bounds.clone();
    }

    /** Cumulative counts per bucket, the last one (+Inf) being the total count. */
    long[] cumulativeCounts() {
        long[] out = new long[counts.length];
        long running = 0;
        for (int i = 0; i < counts.length; i++) {
            running += counts[i].sum();
            out[i] = running;
        }
        return out;
    }

    /** Sum of the recorded values. */
    public long sum() {
        return sum.sum();
    }

    /** Number of recorded values. */
    public long count() {
        long n = 0;
        for (LongAdder c : counts) {
            n += c.sum();
        }
        return n;
    }
}
