package io.diseq.node.metrics;

import com.codahale.metrics.MetricRegistry;
import io.dropwizard.core.setup.Environment;
import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.dropwizard.DropwizardExports;
import io.prometheus.client.servlet.jakarta.exporter.MetricsServlet;

/**
 * Serves the whole Dropwizard metric registry in Prometheus text format at {@code /prometheus} on
 * the admin port (loopback by default), with the exporter the ingest service uses (Prometheus
 * simpleclient's {@code DropwizardExports}). Names: characters outside {@code [a-zA-Z0-9_:]} (the
 * dots) become underscores; Dropwizard histograms and timers become summaries (quantiles and
 * {@code _count}); the node's {@link BucketHistogram}s (time to finality, block store time, gossip
 * latency) become real histograms with {@code _bucket{le}}, {@code _sum} and {@code _count}.
 */
public final class PrometheusEndpoint {
    public static final String PATH = "/prometheus";

    private PrometheusEndpoint() {
    }

    public static void register(Environment environment, MetricRegistry metrics) {
        CollectorRegistry prometheus = new CollectorRegistry();
        prometheus.register(new DropwizardExports(metrics));
        prometheus.register(new BucketHistogramExports(metrics));
        environment.admin().addServlet("prometheus", new MetricsServlet(prometheus)).addMapping(PATH);
    }
}
