package io.parley.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.api.plugin.ImPlugin;
import java.util.List;
import java.util.ServiceLoader;

/** Checks every plugin's tests make: that ServiceLoader finds it, and a context that fails when touched. */
public final class PluginChecks {
    private PluginChecks() {
    }

    /** Asserts that {@code META-INF/services} lists exactly one plugin of this class, and returns it. */
    public static <T extends ImPlugin> T discoveredOnce(Class<T> type) {
        List<ImPlugin> found = ServiceLoader.load(ImPlugin.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(type::isInstance)
                .toList();
        assertThat(found).as("plugins of %s found by ServiceLoader", type.getName()).hasSize(1);
        return type.cast(found.get(0));
    }
}
