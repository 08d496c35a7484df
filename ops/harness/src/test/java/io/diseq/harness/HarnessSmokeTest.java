package io.diseq.harness;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.diseq.devnet.PortCheck;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The harness's smoke mode ({@code --smoke}) from start to report: every section of a complete
 * report comes out (baseline, sequencer step and its blocks, receipts, catch-up, storage, backlog, ingest alone,
 * the plot). No figure is
 * asserted: timing belongs to docs/benchmarks.md, not to a test on a shared machine.
 */
@Tag("integration")
class HarnessSmokeTest {
    @Test
    @Timeout(600)
    void smokeRunWritesACompleteReport(@TempDir Path dir) throws Exception {
        int exit = Harness.run("--smoke", "--base-port", Integer.toString(freeBasePort()),
                "--work-dir", dir.resolve("work").toString(), "--out", dir.resolve("out").toString(), "--name", "smoke");

        assertThat(exit).isZero();
        Path out = dir.resolve("out");
        assertThat(out.resolve("smoke.png")).isNotEmptyFile();
        assertThat(Files.readAllBytes(out.resolve("smoke.png"))).startsWith(0x89, 'P', 'N', 'G');
        JsonNode run = ChildReport.JSON.readTree(out.resolve("smoke.json").toFile());
        assertThat(run.path("baseline")).hasSize(1);
        assertThat(run.path("sequencer")).hasSize(1);
        assertThat(run.path("sequencer").get(0).path("latency").path("count").asLong()).isPositive();
        assertThat(run.path("sequencer").get(0).path("processes")).hasSize(7);
        assertThat(run.path("receipts").path("ok").asLong()).isPositive();
        assertThat(run.path("catchUp").path("caughtUp").asBoolean()).isTrue();
        assertThat(run.path("storage").path("finalizedMessages").asLong()).isPositive();
        assertThat(run.path("backlog").path("produced").asLong()).isEqualTo(20_000);
        assertThat(run.path("backlog").path("exited")).isEmpty();
        assertThat(run.path("backlog").path("processes")).hasSize(7);
        assertThat(run.path("sequencer").get(0).path("blocks").path("count").asLong()).isPositive();
        assertThat(run.path("ingestAlone")).hasSize(1);
        assertThat(run.path("ingestAlone").get(0).path("delivered").asLong()).isPositive();
        assertThat(Files.readString(out.resolve("smoke.md")))
                .contains("## Throughput", "## CPU", "## Peak RSS", "## Storage", "## Receipts", "## Catch-up",
                        "## Backlog", "## Blocks", "## Ingest alone");
    }

    /** A base port whose 30-odd ports are free, below Linux's ephemeral range (see the devnet's TestPorts). */
    private static int freeBasePort() {
        for (int attempt = 0; attempt < 50; attempt++) {
            int base = 20_000 + 200 * ThreadLocalRandom.current().nextInt(60);
            if (IntStream.range(base, base + 70).allMatch(PortCheck::free)) {
                return base;
            }
        }
        throw new IllegalStateException("no free port range for the harness");
    }
}
