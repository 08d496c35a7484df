package io.diseq.ingest.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The ingest service in a child JVM ({@code IngestApplication server <yml>}), so a test can kill it
 * with SIGKILL: no shutdown hook, no clean close, open transactions left behind.
 */
final class IngestProcess {
    private final Process process;
    private final Path log;

    private IngestProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    static IngestProcess start(Path config, Path log) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(List.of(java, "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), "io.diseq.ingest.IngestApplication", "server",
                config.toString()));
        pb.redirectErrorStream(true);
        pb.redirectOutput(log.toFile());
        return new IngestProcess(pb.start(), log);
    }

    /** SIGKILL and wait until the process is gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM (Dropwizard closes Kafka Streams cleanly) and wait. */
    int stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
        return process.exitValue();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Exit code, waiting at most the given time; -1 if still running. */
    int waitForExit(long seconds) throws InterruptedException {
        return process.waitFor(seconds, TimeUnit.SECONDS) ? process.exitValue() : -1;
    }

    String logText() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    String logTail() {
        String text = logText();
        return text.length() <= 6000 ? text : text.substring(text.length() - 6000);
    }
}
