package com.bcerp.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** core holds the sync rules; it must not know how anything is transported or stored. */
class CoreArchitectureTest {

    private static final JavaClasses CORE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("com.bcerp.core");

    @Test
    void core_does_not_use_the_aws_sdk() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("software.amazon..", "com.amazonaws..")
                .because("AWS belongs in the aws module, behind core's ports")
                .check(CORE);
    }

    @Test
    void core_does_not_use_an_http_client() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("java.net.http..", "org.apache.http..",
                        "org.apache.hc..", "okhttp3..", "com.sun.net.httpserver..")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.net.HttpURLConnection")
                .because("HTTP belongs in the adapters")
                .check(CORE);
    }

    @Test
    void core_depends_only_on_itself_the_jdk_and_its_few_libraries() {
        // an allow-list: an import of any adapter, present or future (com.bcerp.visma, com.bcerp.uniconta, ...), fails
        classes().should().onlyDependOnClassesThat().resideInAnyPackage("com.bcerp.core..", "java..", "javax.annotation..",
                        "org.slf4j..", "com.fasterxml.jackson.annotation..")
                .because("dependencies point inward: adapters depend on core, never the reverse")
                .check(CORE);
    }

    @Test
    void core_names_no_vendor() {
        noClasses().should().haveSimpleNameContaining("Acumatica").orShould().haveSimpleNameContaining("Visma")
                .orShould().haveSimpleNameContaining("Uniconta").orShould().haveSimpleNameContaining("Extensiv")
                .because("vendor words live in their adapter").check(CORE);
    }

    @Test
    void the_rules_see_core_classes() {
        // guards the guard: an empty import would let every rule above pass
        org.assertj.core.api.Assertions.assertThat(CORE.contain("com.bcerp.core.order.OrderImport")).isTrue();
    }
}
