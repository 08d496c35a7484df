package io.diseq.client;

import java.io.PrintStream;
import java.util.function.LongSupplier;

/**
 * A one-line progress display on stderr, redrawn at most every {@value #REDRAW_MS} ms with a
 * carriage return: a bar when the total is known (message count, or input bytes of a file),
 * otherwise just the counts. Disabled (no output at all) when stderr is not a terminal.
 */
final class Progress {
    static final long REDRAW_MS = 100;
    private static final int WIDTH = 30;

    private final PrintStream err;
    private final boolean enabled;
    private final long total;
    private final LongSupplier done;
    private long lastDrawNanos;

    /**
     * @param total the total to measure {@code done} against, or -1 if unknown
     * @param done  the amount done so far, in the unit of {@code total}
     */
    Progress(PrintStream err, boolean enabled, long total, LongSupplier done) {
        this.err = err;
        this.enabled = enabled;
        this.total = total;
        this.done = done;
        this.lastDrawNanos = System.nanoTime() - REDRAW_MS * 1_000_000;
    }

    void update(long sent, long failed) {
        long now = System.nanoTime();
        if (!enabled || now - lastDrawNanos < REDRAW_MS * 1_000_000) {
            return;
        }
        lastDrawNanos = now;
        err.print("\r" + line(sent, failed));
        err.flush();
    }

    void finish(long sent, long failed) {
        if (enabled) {
            err.print("\r" + line(sent, failed) + "\n");
            err.flush();
        }
    }

    private String line(long sent, long failed) {
        String counts = "sent " + sent + ", failed " + failed;
        if (total <= 0) {
            return counts;
        }
        long d = Math.min(done.getAsLong(), total);
        int filled = (int) (WIDTH * d / total);
        return "[" + "#".repeat(filled) + " ".repeat(WIDTH - filled) + "] " + (100 * d / total) + "% " + counts;
    }
}
