package io.grantflow.platform.testing;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The layering every service keeps: a domain of plain Java, and REST that goes through the
 * application layer rather than reaching into persistence.
 */
public final class ArchitectureRules {
    private ArchitectureRules() {}

    public static void check(String servicePackage) {
        JavaClasses classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(servicePackage);
        noClasses()
                .that()
                .resideInAPackage(servicePackage + ".domain..")
                .should()
                .dependOnClassesThat(resideInAnyPackage(
                                "io.quarkus..",
                                "jakarta..",
                                "org.hibernate..",
                                "io.smallrye..",
                                "io.vertx..",
                                "com.fasterxml..",
                                "org.eclipse.microprofile..",
                                "io.grantflow.platform..",
                                servicePackage + ".persistence..",
                                servicePackage + ".rest..",
                                servicePackage + ".messaging..",
                                servicePackage + ".application..")
                        .and(not(resideInAnyPackage("io.grantflow.platform.money..", "io.grantflow.platform.text.."))))
                .because(
                        "the domain is plain Java: state machines, values and rules only (platform's plain money arithmetic and bilingual texts allowed)")
                .check(classes);
        noClasses()
                .that()
                .resideInAPackage(servicePackage + ".rest..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage(servicePackage + ".persistence..")
                .because("REST goes through the application layer's use cases and queries")
                .check(classes);
        noClasses()
                .that()
                .resideInAPackage(servicePackage + ".messaging..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage(servicePackage + ".persistence..")
                .because("consumers hand messages to use cases")
                .check(classes);
    }
}
