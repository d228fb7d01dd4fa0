package io.parley.plugin.ultragroup;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.api.plugin.ImPlugin;
import io.parley.api.plugin.PluginContext;
import io.parley.testkit.PluginChecks;
import org.junit.jupiter.api.Test;

class UltragroupPluginTest {

    @Test
    void serviceLoaderFindsExactlyOnePluginOfThisClass() {
        assertThat(PluginChecks.discoveredOnce(UltragroupPlugin.class).name()).isEqualTo("ultragroup");
    }

    @Test
    void contributesNothingYet() {
        ImPlugin plugin = new UltragroupPlugin();
        PluginContext context = PluginChecks.untouchableContext();

        assertThat(plugin.messageTypes()).isEmpty();
        assertThat(plugin.providerFactories()).isEmpty();
        assertThat(plugin.businessTypes(context)).isEmpty();
        assertThat(plugin.interceptors(context)).isEmpty();
        assertThat(plugin.listeners(context)).isEmpty();
        assertThat(plugin.serverApiRoutes(context)).isEmpty();
        assertThat(plugin.serverApiGuards(context)).isEmpty();
        assertThat(plugin.connectionGuards(context)).isEmpty();
        assertThat(plugin.clientCommands(context)).isEmpty();
    }
}
