package io.diseq.core.sim;

/**
 * A bounded ring buffer of trace lines, one simulated event per line (docs/simulation.md, "Output").
 * Runs keep only the last {@code capacity} lines and print them only when a run fails, so the bulk
 * runs pay for string building only when tracing is on.
 */
final class TraceRing {
    private final String[] lines;
    private long written;
    private final boolean enabled;

    TraceRing(int capacity, boolean enabled) {
        this.lines = new String[Math.max(1, capacity)];
        this.enabled = enabled;
    }

    boolean enabled() {
        return enabled;
    }

    void add(long nowMs, String line) {
        if (enabled) {
            lines[(int) (written++ % lines.length)] = String.format("%9d ms  %s", nowMs, line);
        }
    }

    /** The retained lines, oldest first, each terminated by a newline. */
    String dump() {
        StringBuilder sb = new StringBuilder();
        long first = Math.max(0, written - lines.length);
        if (first > 0) {
            sb.append("... ").append(first).append(" earlier trace lines dropped\n");
        }
        for (long i = first; i < written; i++) {
            sb.append(lines[(int) (i % lines.length)]).append('\n');
        }
        return sb.toString();
    }
}
