package io.parley.starter.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.parley.api.plugin.ImPlugin;
import io.parley.builtin.BuiltinPlugins;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The built-in features are plugins on the public SPI: the code under {@code io.parley.builtin} uses what an outside
 * plugin may (im-api, Jackson, SLF4J and the JDK), never the kernel's classes; and the kernel knows them only through
 * {@link BuiltinPlugins}, which the server's start reads. A failure names each class and the dependency that breaks
 * the rule.
 */
class BuiltinPluginsTest {
    private static JavaClasses parley;

    @BeforeAll
    static void importClasses() {
        parley = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.parley.builtin", "io.parley.kernel");
    }

    @Test
    void builtInFeaturesUseOnlyWhatAnOutsidePluginMay() {
        assertThat(parley.containPackage("io.parley.builtin.common")).as("the built-ins were read").isTrue();
        noClasses().that().resideInAPackage("io.parley.builtin..")
                .should().dependOnClassesThat().resideInAnyPackage("io.parley.kernel..", "io.parley.protocol..",
                        "com.google.inject..", "io.netty..", "org.mapdb..", "io.micrometer..")
                .check(parley);
    }

    @Test
    void theKernelKnowsTheBuiltInsOnlyThroughTheirList() {
        noClasses().that().resideInAPackage("io.parley.kernel..")
                .should().dependOnClassesThat(com.tngtech.archunit.base.DescribedPredicate.describe(
                        "are in io.parley.builtin other than BuiltinPlugins",
                        type -> type.getPackageName().startsWith("io.parley.builtin")
                                && !type.getName().equals(BuiltinPlugins.class.getName())))
                .check(parley);
    }

    @Test
    void everyBuiltInIsAPluginWithAName() {
        List<ImPlugin> builtIns = BuiltinPlugins.all();
        assertThat(builtIns).allSatisfy(plugin -> assertThat(plugin.name()).matches("[a-z][a-z0-9-]*"));
        assertThat(builtIns.stream().map(ImPlugin::name).distinct().count()).isEqualTo(builtIns.size());
    }
}
