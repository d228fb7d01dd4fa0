package io.parley.plugin.routing.sink;

import io.parley.api.plugin.PluginConfig;
import io.parley.api.plugin.PluginContext;
import io.parley.plugin.routing.spi.RoutingSink;
import io.parley.plugin.routing.spi.RoutingSinkFactory;
import java.nio.file.Path;

/**
 * Makes the {@code file} sink from {@code routing.file.path} (required). The example to copy for a new
 * sink: a name, one config key under {@code routing.<name>.}, and a thread-safe sink. Called once at
 * startup; opens the file.
 */
public final class JsonLinesFileSinkFactory implements RoutingSinkFactory {

    @Override
    public String name() {
        return "file";
    }

    @Override
    public RoutingSink create(PluginConfig config, PluginContext context) {
        return new JsonLinesFileSink(Path.of(config.subset("file").require("path")));
    }
}
