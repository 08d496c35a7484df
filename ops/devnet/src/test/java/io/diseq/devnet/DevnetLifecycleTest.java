package io.diseq.devnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.diseq.schemas.Topics;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The devnet's own behaviour, with every component real (KRaft broker, embedded PostgreSQL, ingest
 * and four validators in this JVM): it starts with every validator up and every topic in place,
 * stops, resumes the same chain from the same directory, and refuses to start on a taken port
 * before starting anything; after a crash that left its PostgreSQL running it starts again. While it runs, every metric the Grafana dashboard and the alert rules
 * query must be exposed by the node or ingest.
 */
@Tag("integration")
class DevnetLifecycleTest {
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @Test
    void startsStopsAndResumesTheSameChainFromItsDataDirectory() throws Exception {
        DevnetSettings settings = TestPorts.freeSettings("lifecycle");
        Path data = dir.resolve("data");
        String keysBefore;
        try (RunningDevnet devnet = RunningDevnet.start(data, settings)) {
            assertRunning(devnet);
            keysBefore = Files.readString(data.resolve("network/validators.txt"));
        }
        assertThat(settings.ports().taken()).as("every port is released on close").isEmpty();

        DevnetSettings other = new DevnetSettings("other", 5, settings.kafkaPort(), settings.basePort(),
                settings.postgresPort());
        try (RunningDevnet resumed = RunningDevnet.start(data, other)) {
            assertThat(resumed.settings()).as("saved settings win on resume").isEqualTo(settings);
            assertThat(Files.readString(data.resolve("network/validators.txt"))).isEqualTo(keysBefore);
            assertRunning(resumed);
        }
    }

    /**
     * What {@code kill -9} of the devnet leaves: its PostgreSQL server still running on the data directory
     * and holding the port. Starting again stops that server ({@code PostgresServer.stopOrphan}) and runs.
     */
    @Test
    void startsAgainWhenACrashLeftItsPostgreSqlRunningOnTheDataDirectory() throws Exception {
        DevnetSettings settings = TestPorts.freeSettings("orphan");
        Path data = dir.resolve("data");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), PostgresChild.class.getName(),
                data.resolve("postgres").toString(), Integer.toString(settings.postgresPort()))
                .redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null && !line.equals("READY")) {
                // the server's start-up output
            }
            assertThat(line).as("the child started PostgreSQL").isEqualTo("READY");
        }
        child.destroyForcibly().waitFor(); // kill -9: the postmaster lives on, holding the port and the data directory
        long pid = Long.parseLong(Files.readAllLines(data.resolve("postgres/postmaster.pid")).get(0).trim());
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isTrue();
        assertThat(settings.ports().taken()).as("the orphan holds the port").isNotEmpty();

        try (RunningDevnet devnet = RunningDevnet.start(data, settings)) {
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
                    .as("the orphaned postmaster was stopped").isFalse();
            assertRunning(devnet);
        }
        assertThat(settings.ports().taken()).isEmpty();
    }

    @Test
    void refusesToStartWhenAPortIsTakenAndStartsNothing() throws Exception {
        DevnetSettings settings = TestPorts.freeSettings("ports");
        int adminOfV2 = settings.spec().adminPort(2);
        try (ServerSocket squatter = new ServerSocket(adminOfV2)) {
            assertThatThrownBy(() -> RunningDevnet.start(dir.resolve("data"), settings))
                    .isInstanceOf(DevnetException.class)
                    .hasMessageContaining(adminOfV2 + " (v2 admin)");
        }
        assertThat(dir.resolve("data")).doesNotExist();
        assertThat(settings.ports().taken()).isEmpty();
    }

    private static void assertRunning(RunningDevnet devnet) throws Exception {
        HttpNodeStatusSource source = new HttpNodeStatusSource();
        Await.until(DEADLINE, "every validator answers", () ->
                devnet.endpoints().stream().map(source::poll).allMatch(NodeStatus::up));
        assertThat(devnet.status(source)).contains("validators up 4/4");
        Topics topics = Topics.forChain(devnet.settings().chainId());
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", devnet.settings().kafkaBootstrap()))) {
            Set<String> names = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            assertThat(names).contains(topics.rawMessages().name(), topics.messages().name(), topics.rejected().name(),
                    topics.blocks().name());
            assertThat(admin.describeTopics(Set.of(topics.blocks().name())).allTopicNames().get(30, TimeUnit.SECONDS)
                    .get(topics.blocks().name()).partitions()).hasSize(1);
        }
        assertDashboardMetricsAreExposed(devnet);
    }

    /** Every metric the Grafana dashboard and the alert rules query is exposed by a node or by ingest. */
    private static void assertDashboardMetricsAreExposed(RunningDevnet devnet) throws Exception {
        Set<String> exposed = new java.util.TreeSet<>(DashboardMetrics.exposed(get(devnet.endpoints().get(0).prometheus())));
        exposed.addAll(DashboardMetrics.exposed(get(URI.create("http://localhost:"
                + devnet.settings().spec().ingestAdminPort() + "/prometheus"))));
        java.util.List<String> exprs = DashboardMetrics.expressions();
        assertThat(exposed).containsAll(DashboardMetrics.names(exprs));
        for (String regex : DashboardMetrics.regexes(exprs)) {
            assertThat(exposed).as("a metric matching %s", regex).anyMatch(n -> n.matches(regex));
        }
    }

    private static String get(URI uri) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET %s", uri).isEqualTo(200);
        return response.body();
    }
}
