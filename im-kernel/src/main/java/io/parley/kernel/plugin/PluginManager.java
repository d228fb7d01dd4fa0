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
 * Finds plugins with {@link ServiceLoader}, adds those of the plugins folder ({@link PluginFolder}) and the ones an
 * embedding application passed in, fails on two plugins with one name, puts them in dependency order
 * ({@link ImPlugin#dependsOn()}: a plugin after those it names, otherwise in the order found) and logs what it
 * loaded.
 */
public final class PluginManager {
    private static final Logger log = LoggerFactory.getLogger(PluginManager.class);

    private PluginManager() {
    }

    /**
     * The kernel's built-ins first, then plugins discovered on the class path, then those of the plugins folder,
     * then explicit ones, in that order.
     */
    public static List<ImPlugin> load(List<ImPlugin> builtIns, boolean discover, List<ImPlugin> fromFolder,
            List<ImPlugin> explicit, ClassLoader classLoader) {
        List<ImPlugin> plugins = new ArrayList<>(builtIns);
        if (discover) {
            for (ImPlugin plugin : ServiceLoader.load(ImPlugin.class, classLoader)) {
                plugins.add(plugin);
            }
        }
        plugins.addAll(fromFolder);
        plugins.addAll(explicit);
        Map<String, ImPlugin> byName = new HashMap<>();
        for (ImPlugin plugin : plugins) {
            ImPlugin previous = byName.putIfAbsent(plugin.name(), plugin);
            if (previous != null) {
                throw ImException.invalidParameter("two plugins are named '" + plugin.name() + "': "
                        + PluginJarClassLoader.describe(previous) + " and " + PluginJarClassLoader.describe(plugin));
            }
        }
        List<ImPlugin> ordered = inDependencyOrder(plugins, byName);
        for (ImPlugin plugin : ordered) {
            log.info("loaded plugin {} ({})", plugin.name(), PluginJarClassLoader.describe(plugin));
        }
        return List.copyOf(ordered);
    }

    /** A depth-first walk in the order found: each plugin after its dependencies; unknown names and cycles fail. */
    private static List<ImPlugin> inDependencyOrder(List<ImPlugin> plugins, Map<String, ImPlugin> byName) {
        List<ImPlugin> ordered = new ArrayList<>();
        java.util.Set<String> placed = new java.util.HashSet<>();
        for (ImPlugin plugin : plugins) {
            place(plugin, byName, placed, new java.util.LinkedHashSet<>(), ordered);
        }
        return ordered;
    }

    private static void place(ImPlugin plugin, Map<String, ImPlugin> byName, java.util.Set<String> placed,
            java.util.LinkedHashSet<String> path, List<ImPlugin> ordered) {
        if (placed.contains(plugin.name())) {
            return;
        }
        if (!path.add(plugin.name())) {
            throw ImException.invalidParameter("plugins depend on each other in a cycle: "
                    + String.join(" -> ", path) + " -> " + plugin.name());
        }
        for (String dependency : plugin.dependsOn()) {
            ImPlugin needed = byName.get(dependency);
            if (needed == null) {
                throw ImException.invalidParameter("plugin '" + plugin.name() + "' depends on '" + dependency
                        + "', which is not loaded (loaded: " + String.join(", ", new java.util.TreeSet<>(byName.keySet()))
                        + ")");
            }
            place(needed, byName, placed, path, ordered);
        }
        path.remove(plugin.name());
        placed.add(plugin.name());
        ordered.add(plugin);
    }
}
