package io.liaison.core;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The core is plain Java: no AWS type, no JSON library, and none of the adapters around it. The
 * adapters depend on the core, never the other way round.
 */
class CoreDependencyRulesTest {
    private static final JavaClasses LIAISON = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.liaison");

    @Test
    void core_dependsOnNoAwsType() {
        noClasses().that().resideInAPackage("io.liaison.core..")
                .should().dependOnClassesThat().resideInAnyPackage("software.amazon..", "com.amazonaws..")
                .check(LIAISON);
    }

    @Test
    void core_dependsOnNoJsonLibrary() {
        noClasses().that().resideInAPackage("io.liaison.core..")
                .should().dependOnClassesThat().resideInAnyPackage("com.fasterxml..")
                .check(LIAISON);
    }

    @Test
    void core_dependsOnNoAdapter() {
        noClasses().that().resideInAPackage("io.liaison.core..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "io.liaison.store..", "io.liaison.http..", "io.liaison.json..", "io.liaison.config..")
                .check(LIAISON);
    }

    @Test
    void core_readsNoClockOrRandomnessOfItsOwn() {
        // Time and ids come in through a Clock and an id supplier (STYLE.md practice 10).
        noClasses().that().resideInAPackage("io.liaison.core..")
                .should().callMethod(java.time.Instant.class, "now")
                .orShould().callMethod(java.util.UUID.class, "randomUUID")
                .check(LIAISON);
    }
}
