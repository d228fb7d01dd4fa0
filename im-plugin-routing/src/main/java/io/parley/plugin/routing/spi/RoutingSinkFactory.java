package io.parley.plugin.routing.spi;

import io.parley.api.plugin.PluginConfig;
import io.parley.api.plugin.PluginContext;
import io.parley.api.plugin.ProviderFactory;

/**
 * Makes a {@link RoutingSink}; the routing plugin picks one by {@code routing.sink} (default {@code http}).
 *
 * <p>The plugin finds factories in two places: its own (the {@code http} and {@code file} sinks, also
 * returned from {@code RoutingPlugin.providerFactories()}), and every implementation of this interface
 * listed in {@code META-INF/services/io.parley.plugin.routing.spi.RoutingSinkFactory} on the class path,
 * loaded with {@link java.util.ServiceLoader}. That second path is how another jar adds a sink: the kernel
 * picks providers only for its own types, and a plugin cannot see another plugin's factories.
 *
 * <p>{@link #create} is called once at startup on the starting thread and may open files and connections.
 * It receives the whole {@code routing.*} view; by convention a sink reads its own keys under
 * {@code routing.<name>.} (the file sink reads {@code routing.file.path}). Every key read counts as used.
 */
public interface RoutingSinkFactory extends ProviderFactory<RoutingSink> {

    @Override
    default Class<RoutingSink> providerType() {
        return RoutingSink.class;
    }

    @Override
    RoutingSink create(PluginConfig config, PluginContext context);
}
