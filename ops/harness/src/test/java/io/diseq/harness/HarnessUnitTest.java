package io.diseq.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The harness's small pieces: flag parsing, the backlog slope, /proc reading, the child class path. */
@Tag("unit")
class HarnessUnitTest {
    @Test
    void durationsAndRates() {
        assertThat(Harness.millis("60s")).isEqualTo(60_000);
        assertThat(Harness.millis("2m")).isEqualTo(120_000);
        assertThat(Harness.millis("500ms")).isEqualTo(500);
        assertThat(Harness.millis("1h")).isEqualTo(3_600_000);
        assertThat(Harness.millis("1.5h")).isEqualTo(5_400_000);
        assertThat(Harness.millis("250")).isEqualTo(250);
        assertThatThrownBy(() -> Harness.millis("4 hours"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a duration");
        assertThat(Harness.rates(null, "1000:5000:2000")).containsExactly(1000.0, 3000.0, 5000.0);
        assertThat(Harness.rates(List.of(5000.0, 1000.0), null)).containsExactly(1000.0, 5000.0);
    }

    @Test
    void postgresSettingsAreNameValuePairs() {
        assertThat(PostgresMain.settings("shared_buffers=1GB, max_wal_size=4GB"))
                .containsExactly(java.util.Map.entry("shared_buffers", "1GB"), java.util.Map.entry("max_wal_size", "4GB"));
        assertThat(PostgresMain.settings(null)).isEmpty();
        assertThat(PostgresMain.settings(String.join(",", Harness.postgresSettings(List.of("shared_buffers=256MB")))))
                .as("a given setting replaces the default of its name")
                .containsExactly(java.util.Map.entry("shared_buffers", "256MB"), java.util.Map.entry("max_wal_size", "4GB"));
        assertThat(Harness.postgresSettings(null)).isEqualTo(Harness.DEFAULT_POSTGRES_SETTINGS);
        for (String bad : List.of("shared_buffers", "=1GB", "shared_buffers=")) {
            assertThatThrownBy(() -> PostgresMain.settings(bad))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("name=value");
        }
    }

    @Test
    void theOldGenerationAfterGcOfAnyCollector() throws Exception {
        for (String pool : List.of("G1-Old-Gen", "Tenured-Gen", "PS-Old-Gen")) {
            assertThat(ProcessSampler.oldGenerationAfterGc(ChildReport.JSON.readTree(
                    "{\"jvm.memory.pools." + pool + ".used-after-gc\": {\"value\": 1234}}"))).as(pool).isEqualTo(1234);
        }
        assertThat(ProcessSampler.oldGenerationAfterGc(ChildReport.JSON.readTree("{}"))).isZero();
    }

    @Test
    void backlogSlopeIsTheLeastSquaresGrowth() {
        assertThat(LoadSteps.slope(List.of(new double[] {0, 10}, new double[] {1, 110}, new double[] {2, 210})))
                .isEqualTo(100.0);
        assertThat(LoadSteps.slope(List.of(new double[] {0, 5}))).isZero();
    }

    @Test
    void blockSizesOfAStep() {
        Results.Blocks b = Results.Blocks.of(new long[] {10, 0, 30, 20, 10_000, 40, 50, 60, 70, 80}, 5.0);
        assertThat(b.count()).isEqualTo(10);
        assertThat(b.perSecond()).isEqualTo(2.0);
        assertThat(b.meanMessages()).isEqualTo(1036.0);
        assertThat(b.p50Messages()).isEqualTo(40);
        assertThat(b.p90Messages()).isEqualTo(80);
        assertThat(b.maxMessages()).isEqualTo(10_000);
        assertThat(b.empty()).isEqualTo(1);
        assertThat(Results.Blocks.of(new long[0], 1.0).count()).isZero();
        assertThat(Results.Blocks.of(new long[] {7}, 1.0).p90Messages()).isEqualTo(7);
    }

    @Test
    void theConsumersWaitAfterExpectIsItsThirdArgument() {
        assertThat(BaselineConsumer.expectTimeoutMs(new String[] {"b", "t"})).isEqualTo(60_000);
        assertThat(BaselineConsumer.expectTimeoutMs(new String[] {"b", "t", "120000"})).isEqualTo(120_000);
    }

    @Test
    void procStatsOfThisProcess() {
        long pid = ProcessHandle.current().pid();
        assertThat(ProcStats.cpuSeconds(pid, false)).isPositive();
        assertThat(ProcStats.rssBytes(pid, false)).isGreaterThan(1_000_000);
        assertThat(ProcStats.rssBytes(pid, true)).as("proportional set size of the tree").isGreaterThan(1_000_000);
        assertThat(ProcStats.state(pid)).isIn('R', 'S');
        assertThat(ProcStats.cpuSeconds(-1, true)).isZero();
    }

    @Test
    void aModuleJarInTargetBecomesItsClassesDirectory(@TempDir Path dir) throws Exception {
        Path target = Files.createDirectories(dir.resolve("devnet").resolve("target"));
        Files.createDirectories(target.resolve("classes"));
        assertThat(ChildClasspath.classesOfModuleJar(target.resolve("devnet.jar").toString()))
                .isEqualTo(target.resolve("classes").toString());
        assertThat(ChildClasspath.classesOfModuleJar("/m2/x/y-1.0.jar")).isEqualTo("/m2/x/y-1.0.jar");
    }

    @Test
    void histogramsSurviveTheLineProtocol() {
        Histogram h = ChildReport.latencyHistogramMs();
        h.recordValue(12);
        h.recordValue(1500);
        Histogram back = ChildReport.decode(ChildReport.encode(h));
        assertThat(back.getTotalCount()).isEqualTo(2);
        assertThat(back.getMaxValue()).isEqualTo(h.getMaxValue());
    }

    @Test
    void payloadsAreDistinctAndSized() {
        byte[] a = LoadProducer.payload("t", 1, 100);
        byte[] b = LoadProducer.payload("t", 2, 100);
        assertThat(a).hasSize(100).isNotEqualTo(b);
        assertThat(new String(a, StandardCharsets.US_ASCII)).startsWith("t 1 ");
    }
}
