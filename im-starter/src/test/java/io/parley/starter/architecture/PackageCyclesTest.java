package io.parley.starter.architecture;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * No package of Parley depends, through others, on itself: each package of every module the server is made of
 * (im-api, im-protocol, the kernel, the plugins, the providers, the starter) is a slice of its own, and the slices
 * form no cycle. A cycle would make the layering (api, kernel, plugins) a matter of luck, and the kernel's packages
 * impossible to take apart; the failure names each cycle and the classes that make it.
 */
class PackageCyclesTest {
    private static JavaClasses parley;

    @BeforeAll
    static void importClasses() {
        parley = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.parley");
    }

    @Test
    void noPackageDependsOnItselfThroughOthers() {
        assertThat(List.of("io.parley.api.plugin", "io.parley.protocol", "io.parley.kernel.session",
                "io.parley.kernel.message", "io.parley.plugin.chatroom", "io.parley.plugin.routing.spi",
                "io.parley.storage.postgres", "io.parley.starter.web")).as("the classes of every module were read")
                .allMatch(parley::containPackage);
        slices().matching("io.parley.(**)").should().beFreeOfCycles().check(parley);
    }
}
