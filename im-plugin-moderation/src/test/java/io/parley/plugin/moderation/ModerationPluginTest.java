package io.parley.plugin.moderation;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.api.plugin.ImPlugin;
import io.parley.api.plugin.PluginContext;
import io.parley.testkit.PluginChecks;
import org.junit.jupiter.api.Test;

class ModerationPluginTest {

    @Test
    void serviceLoaderFindsExactlyOnePluginOfThisClass() {
        assertThat(PluginChecks.discoveredOnce(ModerationPlugin.class).name()).isEqualTo("moderation");
    }

    @Test
    void contributesOnlyThroughInterceptorsGuardsAndRoutes() {
        ImPlugin plugin = new ModerationPlugin();
        // these getters have nothing to build, so they must not use the context at all
        PluginContext context = PluginChecks.untouchableContext();

        assertThat(plugin.messageTypes()).isEmpty();
        assertThat(plugin.providerFactories()).isEmpty();
        assertThat(plugin.businessTypes(context)).isEmpty();
        assertThat(plugin.listeners(context)).isEmpty();
        assertThat(plugin.clientCommands(context)).isEmpty();
    }
}
