package io.diseq.node.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.MetricRegistryListener;
import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.dropwizard.DropwizardExports;
import io.prometheus.client.exporter.common.TextFormat;
import java.io.StringWriter;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class BucketHistogramExportsTest {
    @Test
    void exportsCumulativeBucketsSumAndCount() throws Exception {
        MetricRegistry registry = new MetricRegistry();
        BucketHistogram h = BucketHistogram.latencyMs(registry, "consensus.finalityMs");
        assertThat(BucketHistogram.latencyMs(registry, "consensus.finalityMs")).isSameAs(h);
        h.update(0);
        h.update(7);
        h.update(10);
        h.update(60_000);
        String text = scrape(registry);
        assertThat(text).contains("# TYPE consensus_finalityMs histogram")
                .contains("consensus_finalityMs_bucket{le=\"1\",} 1.0")
                .contains("consensus_finalityMs_bucket{le=\"5\",} 1.0")
                .contains("consensus_finalityMs_bucket{le=\"10\",} 3.0")
                .contains("consensus_finalityMs_bucket{le=\"30000\",} 3.0")
                .contains("consensus_finalityMs_bucket{le=\"+Inf\",} 4.0")
                .contains("consensus_finalityMs_sum 60017.0")
                .contains("consensus_finalityMs_count 4.0");
    }

    /** A registry with a listener (any reporter) refuses unknown metric types: the histograms stay beside it. */
    @Test
    void aRegistryWithAReporterListenerAcceptsTheHistograms() throws Exception {
        MetricRegistry registry = new MetricRegistry();
        registry.addListener(new MetricRegistryListener.Base() {
        });
        BucketHistogram.latencyMs(registry, "gossip.latencyMs").update(3);
        assertThat(scrape(registry)).contains("gossip_latencyMs_count 1.0");
    }

    private static String scrape(MetricRegistry registry) throws Exception {
        CollectorRegistry prometheus = new CollectorRegistry();
        prometheus.register(new DropwizardExports(registry));
        prometheus.register(new BucketHistogramExports(registry));
        StringWriter out = new StringWriter();
        TextFormat.write004(out, prometheus.metricFamilySamples());
        return out.toString();
    }
}
