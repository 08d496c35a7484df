package io.diseq.ingest;

import com.codahale.metrics.Gauge;
import io.diseq.ingest.app.DropwizardIngestMetrics;
import io.diseq.ingest.app.IngestConfiguration;
import io.diseq.ingest.app.IngestStreams;
import io.diseq.ingest.app.KafkaBrokerHealthCheck;
import io.diseq.ingest.app.StreamsHealthCheck;
import io.diseq.ingest.topology.DeadLetterDeserializationHandler;
import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.core.Application;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.lifecycle.Managed;
import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.dropwizard.DropwizardExports;
import io.prometheus.client.servlet.jakarta.exporter.MetricsServlet;
import org.apache.kafka.clients.admin.Admin;

/**
 * The ingest service: {@code java -cp ... io.diseq.ingest.IngestApplication server ingest.yml}
 * (docs/ingest.md §Running). Wires by hand: the streams runner as a Managed object, health checks
 * {@code kafka-streams} and {@code kafka-brokers}, the metrics, and the Prometheus exposition of the
 * whole metric registry at {@code /prometheus} on the admin port.
 */
public final class IngestApplication extends Application<IngestConfiguration> {

    public static void main(String[] args) throws Exception {
        new IngestApplication().run(args);
    }

    @Override
    public String getName() {
        return "diseq-ingest";
    }

    @Override
    public void initialize(Bootstrap<IngestConfiguration> bootstrap) {
        bootstrap.setConfigurationSourceProvider(new SubstitutingSourceProvider(
                bootstrap.getConfigurationSourceProvider(), new EnvironmentVariableSubstitutor(false)));
    }

    @Override
    public void run(IngestConfiguration config, Environment env) {
        // A skipped (dead-lettered) record is logged once by our handler, rate-limited, without a stack trace.
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(
                DeadLetterDeserializationHandler.STREAMS_SKIP_LOGGER)).setLevel(ch.qos.logback.classic.Level.ERROR);
        IngestStreams streams = new IngestStreams(config, new DropwizardIngestMetrics(env.metrics()));
        env.lifecycle().manage(streams);
        Admin healthAdmin = Admin.create(IngestStreams.adminProperties(config));
        env.lifecycle().manage(new Managed() {
            @Override
            public void stop() {
                healthAdmin.close();
            }
        });
        env.healthChecks().register("kafka-streams", new StreamsHealthCheck(streams::state));
        env.healthChecks().register("kafka-brokers",
                new KafkaBrokerHealthCheck(healthAdmin, config.kafka.bootstrapServers, streams.adminTimeout()));
        env.metrics().register(DropwizardIngestMetrics.PREFIX + "lag.records", (Gauge<Long>) streams::lagRecords);
        CollectorRegistry prometheus = new CollectorRegistry();
        prometheus.register(new DropwizardExports(env.metrics()));
        env.admin().addServlet("prometheus", new MetricsServlet(prometheus)).addMapping("/prometheus");
    }
}
