package io.parley.kernel.plugin;

import io.parley.api.error.ImException;
import io.parley.api.plugin.ImPlugin;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds plugins with {@link ServiceLoader}, adds the ones an embedding application passed in, logs what it
 * loaded, and fails on two plugins with one name.
 */
public final class PluginManager {
    private static final Logger log = LoggerFactory.getLogger(PluginManager.class);

    private PluginManager() {
    }

    /** The kernel's built-ins first, then discovered plugins, then explicit ones, in that order. */
    public static List<ImPlugin> load(List<ImPlugin> builtIns, boolean discover, List<ImPlugin> explicit,
            ClassLoader classLoader) {
        List<ImPlugin> plugins = new ArrayList<>(builtIns);
        if (discover) {
            for (ImPlugin plugin : ServiceLoader.load(ImPlugin.class, classLoader)) {
                plugins.add(plugin);
            }
        }
        plugins.addAll(explicit);
        Map<String, ImPlugin> byName = new HashMap<>();
        for (ImPlugin plugin : plugins) {
            ImPlugin previous = byName.putIfAbsent(plugin.name(), plugin);
            if (previous != null) {
                throw ImException.invalidParameter("two plugins are named '" + plugin.name() + "': "
                        + previous.getClass().getName() + " and " + plugin.getClass().getName());
            }
        }
        for (ImPlugin plugin : plugins) {
            log.info("loaded plugin {} ({})", plugin.name(), plugin.getClass().getName());
        }
        return List.copyOf(plugins);
    }
}
