package com.bcerp.handlers.worker;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Each external system's adapter stands alone on core and the shared HTTP plumbing: one adapter never imports
 * another, so adding or removing a back office touches its module and the registry only. The worker is where every
 * adapter is on the classpath, so the rule runs here.
 */
class AdapterArchitectureTest {

    /** Every adapter's package, present or coming (an absent one imports no classes and passes trivially). */
    private static final List<String> ADAPTERS = List.of("com.bcerp.bigcommerce", "com.bcerp.acumatica",
            "com.bcerp.uniconta", "com.bcerp.visma", "com.bcerp.extensiv", "com.bcerp.retailcloud");

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ADAPTERS.toArray(String[]::new));

    @Test
    void no_adapter_imports_another_or_the_composition() {
        for (String adapter : ADAPTERS) {
            String[] others = ADAPTERS.stream().filter(a -> !a.equals(adapter)).map(a -> a + "..")
                    .toArray(String[]::new);
            String[] forbidden = Arrays.copyOf(others, others.length + 3);
            forbidden[others.length] = "com.bcerp.handlers..";
            forbidden[others.length + 1] = "com.bcerp.local..";
            forbidden[others.length + 2] = "com.bcerp.aws..";
            noClasses().that().resideInAPackage(adapter + "..").should().dependOnClassesThat()
                    .resideInAnyPackage(forbidden).allowEmptyShould(true)
                    .because("adapters depend on core and com.bcerp.http only").check(CLASSES);
        }
    }

    @Test
    void the_rule_sees_the_adapters() {
        assertThat(CLASSES.contain("com.bcerp.acumatica.AcumaticaType")).isTrue();
        assertThat(CLASSES.contain("com.bcerp.bigcommerce.BigCommerceClient")).isTrue();
    }
}
