package app.rigtrail.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * Where code may reach (#13 item 2): the domain packages stay plain Java, readable and testable without
 * Quarkus; platform depends on no feature (features give it what it needs through its interfaces:
 * SiteDirectory, CodeWords, WarmUpSteps); the features depend on each other in one direction only
 * (fleet and dwell at the bottom, then alerts, logistics, inventory, repair, availability, forecast and
 * growth, demo on top) and talk upwards through CDI events (ShipmentMoved, MasterDataCreated) or
 * interfaces of their own that a feature above implements.
 */
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

    static final String[] FEATURES = {"app.rigtrail.alerts..", "app.rigtrail.availability..", "app.rigtrail.demo..",
        "app.rigtrail.dwell..", "app.rigtrail.fleet..", "app.rigtrail.forecast..", "app.rigtrail.growth..",
        "app.rigtrail.inventory..", "app.rigtrail.logistics..", "app.rigtrail.repair.."};

    @Test
    void platformDependsOnNoFeature() {
        noClasses().that().resideInAPackage("app.rigtrail.platform..")
                .should().dependOnClassesThat().resideInAnyPackage(FEATURES)
                .because("platform serves every feature and knows none; features plug in through its interfaces")
                .check(CLASSES);
    }

    @Test
    void noCyclesBetweenFeatures() {
        slices().matching("app.rigtrail.(*)..").should().beFreeOfCycles()
                .because("a feature that needs one above it listens to its events or defines an interface it implements")
                .check(CLASSES);
    }

    @Test
    void theRulesSeeEveryFeature() {
        // the rules above would pass on nothing: the import holds every feature and platform
        for (String f : FEATURES) {
            String pkg = f.substring(0, f.length() - 2);
            org.junit.jupiter.api.Assertions.assertTrue(CLASSES.stream().anyMatch(c -> c.getPackageName().startsWith(pkg)),
                    "classes of " + pkg + " imported");
        }
        org.junit.jupiter.api.Assertions.assertTrue(CLASSES.stream()
                .anyMatch(c -> c.getPackageName().startsWith("app.rigtrail.platform")), "platform imported");
    }
}
