package io.diseq.node.wiring;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The service's one wiring package (docs/architecture.md, "Validator node service"): adapters are
 * constructed and connected only in {@code io.diseq.node.wiring}, and only the application entry point
 * reaches into it.
 */
@Tag("unit")
class WiringBoundaryTest {
    private static JavaClasses service;

    @BeforeAll
    static void importService() {
        service = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.diseq.node");
    }

    @Test
    void onlyTheApplicationDependsOnTheWiring() {
        noClasses().that().resideOutsideOfPackage("io.diseq.node.wiring")
                .and().doNotHaveFullyQualifiedName("io.diseq.node.NodeApplication")
                .should().dependOnClassesThat().resideInAPackage("io.diseq.node.wiring")
                .because("the adapter packages do not know how they are wired")
                .check(service);
    }

    @Test
    void theApplicationWiresNothingItself() {
        noClasses().that().haveFullyQualifiedName("io.diseq.node.NodeApplication")
                .should().dependOnClassesThat().resideInAnyPackage("io.diseq.node.store..", "io.diseq.node.gossip..",
                        "io.diseq.node.input..", "io.diseq.node.publish..", "io.diseq.node.api..",
                        "io.diseq.node.sync..")
                .because("every adapter is constructed in io.diseq.node.wiring")
                .check(service);
    }
}
