package io.diseq.harness;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.diseq.devnet.PortCheck;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fault runner's CI schedule ({@code --smoke}, fixed seed): a validator killed right after a block
 * record appears, a validator cut off from its peers and healed, f+1 validators killed and restarted, all
 * under load, on real processes. Asserts the audit (exactly once, the same block at every height on
 * every validator, one record per height on {@code <chain>.blocks}, no equivocation evidence, receipts,
 * the chain halted while f+1 were down), never a timing.
 */
@Tag("integration")
class FaultsSmokeTest {
    @Test
    @Timeout(900)
    void shortScheduleKeepsEveryMessageExactlyOnceAndNeverForks(@TempDir Path dir) throws Exception {
        int exit = Faults.run("--smoke", "--seed", "13", "--base-port", Integer.toString(freeBasePort()),
                "--work-dir", dir.resolve("work").toString(), "--out", dir.resolve("out").toString(), "--name", "faults");

        JsonNode report = ChildReport.JSON.readTree(dir.resolve("out").resolve("faults.json").toFile());
        for (JsonNode check : report.path("audit").path("checks")) {
            assertThat(check.path("passed").asBoolean()).as(check.path("name").asText() + ": "
                    + check.path("detail").asText()).isTrue();
        }
        assertThat(report.path("audit").path("passed").asBoolean()).isTrue();
        assertThat(exit).isZero();
        assertThat(report.path("faults").size()).isPositive();
        assertThat(report.path("audit").path("acknowledged").asLong()).isPositive();
        assertThat(report.path("audit").path("missing").asLong()).isZero();
        assertThat(report.path("audit").path("duplicated").asLong()).isZero();
    }

    /** A base port with the fault topology's ports free (base .. base+420), below Linux's ephemeral range. */
    private static int freeBasePort() {
        for (int attempt = 0; attempt < 50; attempt++) {
            int base = 20_000 + 500 * ThreadLocalRandom.current().nextInt(25);
            if (IntStream.range(base, base + 420).allMatch(PortCheck::free)) {
                return base;
            }
        }
        throw new IllegalStateException("no free port range for the fault runner");
    }
}
