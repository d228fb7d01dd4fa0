package io.parley.plugin.moderation;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.api.plugin.ImPlugin;
import io.parley.testkit.PluginChecks;
import org.junit.jupiter.api.Test;

class ModerationPluginTest {

    @Test
    void serviceLoaderFindsExactlyOnePluginOfThisClass() {
        assertThat(PluginChecks.discoveredOnce(ModerationPlugin.class).name()).isEqualTo("moderation");
    }

    @Test
    void definesNoTypesNorProvidersAndDependsOnNothing() {
        ImPlugin plugin = new ModerationPlugin();

        assertThat(plugin.messageTypes()).isEmpty();
        assertThat(plugin.providerFactories()).isEmpty();
        assertThat(plugin.dependsOn()).isEmpty();
    }
}
