package app.rigtrail.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/** The domain packages stay plain Java: readable and testable without Quarkus. */
class ArchitectureTest {

    static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("app.rigtrail");

    @Test
    void domainPackagesUseNoFramework() {
        noClasses().that().resideInAPackage("..domain..")
                .should().dependOnClassesThat().resideInAnyPackage("jakarta..", "javax.persistence..", "io.quarkus..",
                        "org.hibernate..", "io.smallrye..", "io.vertx..", "org.jboss..", "com.fasterxml.jackson..")
                .because("domain/ holds the rules, without the framework")
                .check(CLASSES);
    }

    @Test
    void domainDoesNotReachIntoEntitiesOrResources() {
        noClasses().that().resideInAPackage("..domain..")
                .should().dependOnClassesThat().haveSimpleNameEndingWith("Resource")
                .orShould().dependOnClassesThat().haveSimpleNameEndingWith("Pages")
                .orShould().dependOnClassesThat().haveSimpleNameEndingWith("Service")
                .check(CLASSES);
    }
}
