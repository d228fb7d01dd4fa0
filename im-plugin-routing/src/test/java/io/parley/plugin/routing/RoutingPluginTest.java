package io.parley.plugin.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.api.plugin.ImPlugin;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class RoutingPluginTest {

    @Test
    void serviceLoaderFindsExactlyOnePluginOfThisClass() {
        List<ImPlugin> found = ServiceLoader.load(ImPlugin.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(RoutingPlugin.class::isInstance)
                .toList();

        assertThat(found).hasSize(1);
        assertThat(found.get(0).name()).isEqualTo("routing");
    }

    @Test
    void contributesTheTwoBuiltInSinksAsProviders() {
        assertThat(new RoutingPlugin().providerFactories())
                .extracting(factory -> factory.name() + ":" + factory.providerType().getSimpleName())
                .containsExactly("http:RoutingSink", "file:RoutingSink");
    }

    @Test
    void aSinkListedInMetaInfServicesIsFoundByName() {
        assertThat(RoutingSinks.available(RoutingPlugin.class.getClassLoader())).containsKeys("http", "file");
        assertThat(RoutingSinks.select("file", RoutingPlugin.class.getClassLoader()).name()).isEqualTo("file");
    }
}
