package io.diseq.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The class path of the child JVMs: this module's classes and its runtime dependencies as Maven
 * wrote them ({@code target/harness.classpath}, the {@code build-classpath} execution of the module's
 * pom). System properties {@code harness.classes} and {@code harness.classpathFile} name them
 * (ops/harness.sh and surefire set both); without them the harness's own class path is used.
 */
record ChildClasspath(String value) {
    static ChildClasspath fromSystemProperties() {
        String classes = System.getProperty("harness.classes");
        String file = System.getProperty("harness.classpathFile");
        if (classes == null || file == null) {
            return new ChildClasspath(System.getProperty("java.class.path"));
        }
        try {
            String deps = Files.readString(Path.of(file), StandardCharsets.UTF_8).trim();
            return new ChildClasspath(classes + java.io.File.pathSeparator + deps);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the child class path " + file
                    + " (build the module first: mvn -pl ops/harness -am package -DskipTests)", e);
        }
    }
}
