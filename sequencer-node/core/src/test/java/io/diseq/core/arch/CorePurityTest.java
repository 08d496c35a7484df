package io.diseq.core.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The build rule that keeps the consensus core pure (docs/architecture.md): no I/O, networking, JDBC,
 * threads, wall clock or unseeded randomness in production classes of diseq-core. The Maven enforcer
 * bans the frameworks as dependencies; this test bans the JDK facilities.
 */
@Tag("unit")
class CorePurityTest {
    private static JavaClasses core;

    @BeforeAll
    static void importCore() {
        core = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.diseq.core");
    }

    private static void check(ArchRule rule) {
        rule.check(core);
    }

    @Test
    void noNetworkingDatabaseOrFileIo() {
        check(noClasses().should().dependOnClassesThat().resideInAnyPackage(
                "java.net..", "java.sql..", "javax.sql..", "java.nio.file..", "java.nio.channels..")
                .because("the core performs no I/O; the service module does"));
        check(noClasses().should().dependOnClassesThat().haveFullyQualifiedName("java.io.File")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.io.FileInputStream")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.io.FileOutputStream")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.io.RandomAccessFile"));
    }

    @Test
    void noFrameworks() {
        check(noClasses().should().dependOnClassesThat().resideInAnyPackage(
                "io.dropwizard..", "org.glassfish.jersey..", "jakarta.ws.rs..", "org.jdbi..",
                "org.apache.kafka..", "org.eclipse.jetty..", "org.postgresql.."));
    }

    @Test
    void noThreadsOrConcurrency() {
        check(noClasses().should().dependOnClassesThat().haveFullyQualifiedName("java.lang.Thread")
                .orShould().dependOnClassesThat().resideInAnyPackage("java.util.concurrent..")
                .because("one driver thread owns the core; the core never starts or blocks threads"));
    }

    @Test
    void noWallClockOrUnseededRandomness() {
        check(noClasses().should().callMethod(System.class, "currentTimeMillis")
                .orShould().callMethod(System.class, "nanoTime")
                .orShould().dependOnClassesThat().resideInAnyPackage("java.time..")
                .orShould().callConstructor(java.util.Random.class)
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.util.concurrent.ThreadLocalRandom")
                .orShould().callMethod(Math.class, "random")
                .because("time and randomness are injected into the core"));
    }
}
