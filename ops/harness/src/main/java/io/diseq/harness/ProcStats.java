package io.diseq.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * CPU time, state and resident memory of a process from Linux's {@code /proc} (proc(5)): fields 14
 * and 15 of {@code /proc/<pid>/stat} (utime, stime, in clock ticks) and {@code VmRSS} of
 * {@code /proc/<pid>/status}. A process that is gone reads as zero. With {@code tree}, the process's
 * descendants are added (PostgreSQL runs one backend process per connection), and memory is the sum of their
 * proportional set sizes ({@code Pss} of {@code /proc/<pid>/smaps_rollup}): PostgreSQL's shared buffers are mapped
 * into every backend, and a sum of RSS would count them once per backend.
 */
final class ProcStats {
    /** USER_HZ: 100 on every Linux architecture the harness runs on (sysconf(_SC_CLK_TCK)). */
    private static final double TICKS_PER_SECOND = 100.0;

    private ProcStats() {
    }

    /** User plus system CPU seconds of the process (and its descendants when {@code tree}). */
    static double cpuSeconds(long pid, boolean tree) {
        double total = cpuSeconds(pid);
        if (tree && pid > 0) {
            total += ProcessHandle.of(pid).stream().flatMap(ProcessHandle::descendants)
                    .mapToDouble(h -> cpuSeconds(h.pid())).sum();
        }
        return total;
    }

    /**
     * Resident set size in bytes; with {@code tree}, the proportional set size of the process and its descendants
     * (each shared page divided among the processes that map it; RSS where smaps_rollup cannot be read).
     */
    static long rssBytes(long pid, boolean tree) {
        if (!tree || pid <= 0) {
            return rssBytes(pid);
        }
        return pssBytes(pid) + ProcessHandle.of(pid).stream().flatMap(ProcessHandle::descendants)
                .mapToLong(h -> pssBytes(h.pid())).sum();
    }

    private static long pssBytes(long pid) {
        long pss = kilobytesField(Path.of("/proc", Long.toString(pid), "smaps_rollup"), "Pss:");
        return pss >= 0 ? pss : rssBytes(pid);
    }

    /** The state letter of field 3 ({@code R}, {@code S}, {@code T} stopped...), {@code ?} when gone. */
    static char state(long pid) {
        String[] f = statFields(pid);
        return f.length > 0 ? f[0].charAt(0) : '?';
    }

    private static double cpuSeconds(long pid) {
        String[] f = statFields(pid);
        if (f.length < 13) {
            return 0;
        }
        // After the ")" of the command name: field 3 is f[0], so utime (14) is f[11] and stime (15) f[12].
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS_PER_SECOND;
    }

    private static long rssBytes(long pid) {
        return Math.max(0, kilobytesField(Path.of("/proc", Long.toString(pid), "status"), "VmRSS:"));
    }

    /** The bytes of a {@code Name:   123 kB} line of a /proc file; -1 when the file or the line is missing. */
    private static long kilobytesField(Path file, String name) {
        try {
            List<String> lines = Files.readAllLines(file);
            for (String line : lines) {
                if (line.startsWith(name)) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
            return -1;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** The fields after the command name (which may hold spaces and parentheses). */
    private static String[] statFields(long pid) {
        if (pid <= 0) {
            return new String[0];
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        } catch (IOException | RuntimeException e) {
            return new String[0];
        }
    }
}
