package io.parley.plugin.moderation;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.api.plugin.ImPlugin;
import io.parley.api.plugin.PluginContext;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class ModerationPluginTest {

    @Test
    void serviceLoaderFindsExactlyOnePluginOfThisClass() {
        List<ImPlugin> found = ServiceLoader.load(ImPlugin.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(ModerationPlugin.class::isInstance)
                .toList();

        assertThat(found).hasSize(1);
        assertThat(found.get(0).name()).isEqualTo("moderation");
    }

    @Test
    void contributesOnlyThroughInterceptorsGuardsAndRoutes() {
        ImPlugin plugin = new ModerationPlugin();
        PluginContext context = untouchableContext();

        assertThat(plugin.messageTypes()).isEmpty();
        assertThat(plugin.providerFactories()).isEmpty();
        assertThat(plugin.businessTypes(context)).isEmpty();
        assertThat(plugin.listeners(context)).isEmpty();
        assertThat(plugin.clientCommands(context)).isEmpty();
    }

    /** These getters have nothing to build, so they must not use the context at all. */
    private static PluginContext untouchableContext() {
        return (PluginContext) Proxy.newProxyInstance(
                PluginContext.class.getClassLoader(),
                new Class<?>[] {PluginContext.class},
                (proxy, method, args) -> {
                    throw new AssertionError("the plugin called PluginContext." + method.getName());
                });
    }
}
