package io.parley.plugin.ultragroup;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.api.plugin.ImPlugin;
import io.parley.api.plugin.PluginContext;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class UltragroupPluginTest {

    @Test
    void serviceLoaderFindsExactlyOnePluginOfThisClass() {
        List<ImPlugin> found = ServiceLoader.load(ImPlugin.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(UltragroupPlugin.class::isInstance)
                .toList();

        assertThat(found).hasSize(1);
        assertThat(found.get(0).name()).isEqualTo("ultragroup");
    }

    @Test
    void contributesNothingYet() {
        ImPlugin plugin = new UltragroupPlugin();
        PluginContext context = untouchableContext();

        assertThat(plugin.messageTypes()).isEmpty();
        assertThat(plugin.providerFactories()).isEmpty();
        assertThat(plugin.businessTypes(context)).isEmpty();
        assertThat(plugin.interceptors(context)).isEmpty();
        assertThat(plugin.listeners(context)).isEmpty();
        assertThat(plugin.serverApiRoutes(context)).isEmpty();
        assertThat(plugin.clientCommands(context)).isEmpty();
    }

    /** A shell has nothing to build, so it must not use its context at all. */
    private static PluginContext untouchableContext() {
        return (PluginContext) Proxy.newProxyInstance(
                PluginContext.class.getClassLoader(),
                new Class<?>[] {PluginContext.class},
                (proxy, method, args) -> {
                    throw new AssertionError("a shell plugin called PluginContext." + method.getName());
                });
    }
}
