package io.diseq.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class ProgressTest {

    @Test
    void drawsABarAgainstAKnownTotalAndEndsTheLine() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        long[] done = {50};
        Progress progress = new Progress(new PrintStream(err, true, StandardCharsets.UTF_8), true, 100, () -> done[0]);
        progress.update(50, 0);
        done[0] = 100;
        progress.finish(99, 1);
        String text = err.toString(StandardCharsets.UTF_8);
        assertThat(text).startsWith("\r[" + "#".repeat(15) + " ".repeat(15) + "] 50% sent 50, failed 0");
        assertThat(text).endsWith("\r[" + "#".repeat(30) + "] 100% sent 99, failed 1\n");
    }

    @Test
    void showsCountsWhenTheTotalIsUnknown() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        new Progress(new PrintStream(err, true, StandardCharsets.UTF_8), true, -1, () -> 0).finish(7, 0);
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("\rsent 7, failed 0\n");
    }

    @Test
    void drawsNothingWhenNotInteractive() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Progress progress = new Progress(new PrintStream(err, true, StandardCharsets.UTF_8), false, 10, () -> 5);
        progress.update(5, 0);
        progress.finish(10, 0);
        assertThat(err.size()).isZero();
    }
}
