package io.diseq.harness;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * CPU, peak RSS and peak heap of the long-running processes over one measurement window. CPU comes
 * from {@code /proc} at the window's ends ({@link #begin}, {@link #end}); RSS and, for the
 * Dropwizard applications, heap used (admin gauge {@code jvm.memory.heap.used}) are sampled by
 * {@link #sample} about once a second and their maxima kept.
 */
final class ProcessSampler {
    private final Cluster cluster;
    private final Map<String, Watched> watched = new LinkedHashMap<>();

    private static final class Watched {
        final LongSupplier pid;
        final boolean tree;
        final URI metrics;
        double cpuStart;
        double cpuSeconds;
        long rssMax;
        long heapMax;
        long liveMax;

        Watched(LongSupplier pid, boolean tree, URI metrics) {
            this.pid = pid;
            this.tree = tree;
            this.metrics = metrics;
        }
    }

    /**
     * One process's figures over a window; {@code liveHeapMaxMb} is the largest old generation left after a
     * collection ({@link #oldGenerationAfterGc}: what stays reachable), NaN where unknown.
     */
    record Usage(double cpuSeconds, double rssMaxMb, double heapMaxMb, double liveHeapMaxMb) {
    }

    ProcessSampler(Cluster cluster) {
        this.cluster = cluster;
        for (int i = 0; i < cluster.validators().size(); i++) {
            JavaProcess v = cluster.validators().get(i);
            watched.put(v.name(), new Watched(v::pid, false, cluster.admin(i).resolve("/metrics")));
        }
        watched.put("ingest", new Watched(cluster.ingest()::pid, false,
                URI.create("http://localhost:" + cluster.spec().ingestAdminPort() + "/metrics")));
        watched.put("broker", new Watched(cluster.broker()::pid, false, null));
        watched.put("postgres", new Watched(cluster::postgresPid, true, null));
    }

    void begin() {
        for (Watched w : watched.values()) {
            w.cpuStart = ProcStats.cpuSeconds(w.pid.getAsLong(), w.tree);
            w.rssMax = 0;
            w.heapMax = 0;
            w.liveMax = 0;
        }
        sample();
    }

    void sample() {
        for (Watched w : watched.values()) {
            w.rssMax = Math.max(w.rssMax, ProcStats.rssBytes(w.pid.getAsLong(), w.tree));
            if (w.metrics != null) {
                JsonNode gauges = gauges(w.metrics);
                w.heapMax = Math.max(w.heapMax, gauges.path("jvm.memory.heap.used").path("value").asLong(0));
                w.liveMax = Math.max(w.liveMax, oldGenerationAfterGc(gauges));
            }
        }
    }

    Map<String, Usage> end() {
        sample();
        Map<String, Usage> usage = new LinkedHashMap<>();
        watched.forEach((name, w) -> {
            w.cpuSeconds = ProcStats.cpuSeconds(w.pid.getAsLong(), w.tree) - w.cpuStart;
            usage.put(name, new Usage(w.cpuSeconds, w.rssMax / 1e6, w.metrics == null ? Double.NaN : w.heapMax / 1e6,
                    w.metrics == null || w.liveMax == 0 ? Double.NaN : w.liveMax / 1e6));
        });
        return usage;
    }

    /**
     * The old generation left after the last collection: the pool gauge {@code jvm.memory.pools.<pool>.used-after-gc}
     * of G1's {@code G1-Old-Gen}, the serial collector's {@code Tenured-Gen} or the parallel one's {@code PS-Old-Gen}; 0
     * when there is none.
     */
    static long oldGenerationAfterGc(JsonNode gauges) {
        for (String pool : new String[] {"G1-Old-Gen", "Tenured-Gen", "PS-Old-Gen"}) {
            JsonNode value = gauges.path("jvm.memory.pools." + pool + ".used-after-gc").path("value");
            if (value.isNumber()) {
                return value.asLong();
            }
        }
        return 0;
    }

    /** The admin {@code /metrics} gauges; missing when the process does not answer. */
    private JsonNode gauges(URI metrics) {
        String body = cluster.get(metrics);
        if (body == null) {
            return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
        }
        try {
            return ChildReport.JSON.readTree(body).path("gauges");
        } catch (java.io.IOException e) {
            return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
        }
    }
}
