package io.diseq.node.metrics;

import com.codahale.metrics.MetricRegistry;
import io.prometheus.client.Collector;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Exports every {@link BucketHistogram} of the Dropwizard registry as a Prometheus histogram: the
 * name sanitized as {@code DropwizardExports} does (dots become underscores), samples
 * {@code <name>_bucket{le="..."}} (cumulative, ending with {@code le="+Inf"}), {@code <name>_sum} and
 * {@code <name>_count}.
 */
public final class BucketHistogramExports extends Collector {
    private final MetricRegistry registry;

    public BucketHistogramExports(MetricRegistry registry) {
        this.registry = registry;
    }

    @Override
    public List<MetricFamilySamples> collect() {
        List<MetricFamilySamples> out = new ArrayList<>();
        for (Map.Entry<String, BucketHistogram> e : BucketHistogram.of(registry).entrySet()) {
            out.add(family(sanitizeMetricName(e.getKey()), e.getValue()));
        }
        return out;
    }

    private static MetricFamilySamples family(String name, BucketHistogram h) {
        long[] bounds = h.bounds();
        long[] cumulative = h.cumulativeCounts();
        List<MetricFamilySamples.Sample> samples = new ArrayList<>();
        for (int i = 0; i < cumulative.length; i++) {
            String le = i < bounds.length ? Long.toString(bounds[i]) : "+Inf";
            samples.add(new MetricFamilySamples.Sample(name + "_bucket", List.of("le"), List.of(le), cumulative[i]));
        }
        samples.add(new MetricFamilySamples.Sample(name + "_sum", List.of(), List.of(), h.sum()));
        samples.add(new MetricFamilySamples.Sample(name + "_count", List.of(), List.of(),
                cumulative[cumulative.length - 1]));
        return new MetricFamilySamples(name, Type.HISTOGRAM, "histogram " + name, samples);
    }
}
