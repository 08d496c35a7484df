package io.diseq.harness;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One child JVM of the harness (a validator, ingest, the broker, a producer or a consumer): started
 * with the harness class path, stdout and stderr appended to {@code <logDir>/<name>.out}. Every
 * process can be killed ({@code SIGKILL}), frozen and thawed ({@code SIGSTOP}/{@code SIGCONT}),
 * stopped cleanly ({@code SIGTERM}) and started again with the same command line, one at a time: the
 * operations a fault runner (issue 13) applies.
 */
final class JavaProcess implements AutoCloseable {
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private final String name;
    private final List<String> command;
    private final Path output;
    private Process process;
    private OutputStream stdin;

    JavaProcess(String name, ChildClasspath classpath, List<String> jvmOptions, String mainClass, List<String> args,
                Path logDir) {
        this.name = name;
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmOptions);
        cmd.add("-Dlogback.statusListenerClass=ch.qos.logback.core.status.NopStatusListener");
        cmd.add("-cp");
        cmd.add(classpath.value());
        cmd.add(mainClass);
        cmd.addAll(args);
        this.command = List.copyOf(cmd);
        this.output = logDir.resolve(name + ".out");
    }

    /** Starts the process (again, after a kill or stop); its output is appended to the same file. */
    synchronized JavaProcess start() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException(name + " is already running as pid " + process.pid());
        }
        try {
            Files.createDirectories(output.getParent());
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile())).start();
            stdin = process.getOutputStream();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + ": " + e.getMessage(), e);
        }
    }

    String name() {
        return name;
    }

    synchronized long pid() {
        return process == null ? -1 : process.pid();
    }

    synchronized boolean alive() {
        return process != null && process.isAlive();
    }

    /** {@code kill -9}: no shutdown hooks, nothing flushed. */
    synchronized void kill() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        }
    }

    /** {@code kill -STOP}: the process keeps its sockets but runs nothing (a GC pause, a frozen VM). */
    void freeze() throws IOException, InterruptedException {
        signal("STOP");
    }

    /** {@code kill -CONT}: undoes {@link #freeze}. */
    void thaw() throws IOException, InterruptedException {
        signal("CONT");
    }

    /** Writes one line to the process's standard input (the producer and consumers read commands there). */
    synchronized void tell(String line) throws IOException {
        stdin.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        stdin.flush();
    }

    /** Waits for the process to exit by itself; false when the timeout passed first. */
    boolean awaitExit(Duration timeout) throws InterruptedException {
        Process p;
        synchronized (this) {
            p = process;
        }
        return p == null || p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The output file's lines so far (the children print {@code READY} and {@code RESULT {json}} lines). */
    List<String> outputLines() {
        try {
            return Files.exists(output) ? Files.readAllLines(output, StandardCharsets.UTF_8) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The last {@code PREFIX rest} line's rest, if the process printed one. */
    Optional<String> lastLine(String prefix) {
        List<String> lines = outputLines();
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (lines.get(i).startsWith(prefix)) {
                return Optional.of(lines.get(i).substring(prefix.length()).trim());
            }
        }
        return Optional.empty();
    }

    Path output() {
        return output;
    }

    /** {@code SIGTERM} without waiting (so that several processes stop at once; {@link #close} then waits). */
    synchronized void terminate() {
        if (process != null && process.isAlive()) {
            if (frozen()) {
                try {
                    thaw();
                } catch (IOException | InterruptedException e) {
                    // close() ends it forcibly if SIGTERM cannot
                }
            }
            process.destroy();
        }
    }

    /** {@code SIGTERM} (the JVM runs its shutdown hooks: Dropwizard stops its Managed objects), then waits. */
    @Override
    public synchronized void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            if (frozen()) {
                try {
                    thaw();
                } catch (IOException e) {
                    // destroyForcibly below still ends it
                }
            }
            process.destroy();
            if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            }
        }
    }

    private boolean frozen() {
        return ProcStats.state(pid()) == 'T';
    }

    private void signal(String signal) throws IOException, InterruptedException {
        long pid = pid();
        if (pid < 0) {
            throw new IllegalStateException(name + " is not running");
        }
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start();
        if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new IOException("kill -" + signal + " " + pid + " failed");
        }
    }
}
