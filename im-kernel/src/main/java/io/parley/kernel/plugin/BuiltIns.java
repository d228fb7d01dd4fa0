package io.parley.kernel.plugin;

import io.parley.api.error.ImException;
import io.parley.api.plugin.ImPlugin;
import io.parley.api.plugin.PluginConfig;
import io.parley.builtin.BuiltinPlugins;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The plugins every server loads before the others: the kernel's own providers ({@link KernelPlugin}), then the
 * built-in features, less those {@code plugins.builtin.exclude} names (a comma-separated list, empty by default), so
 * that an integrator can leave a feature out or serve it with a plugin of their own (another {@code group} business
 * type, say). A name that is no built-in fails startup, listing the built-ins.
 */
public final class BuiltIns {
    public static final String EXCLUDE_KEY = "plugins.builtin.exclude";

    private BuiltIns() {
    }

    public static List<ImPlugin> select(PluginConfig root) {
        List<ImPlugin> features = BuiltinPlugins.all();
        Set<String> names = new LinkedHashSet<>();
        features.forEach(plugin -> names.add(plugin.name()));
        Set<String> excluded = new LinkedHashSet<>();
        for (String name : root.get(EXCLUDE_KEY, "").split(",")) {
            if (name.isBlank()) {
                continue;
            }
            if (!names.contains(name.trim())) {
                throw ImException.invalidParameter(EXCLUDE_KEY + " names '" + name.trim()
                        + "', which is no built-in plugin (the built-ins: " + String.join(", ", names) + ")");
            }
            excluded.add(name.trim());
        }
        List<ImPlugin> selected = new ArrayList<>();
        selected.add(new KernelPlugin());
        features.stream().filter(plugin -> !excluded.contains(plugin.name())).forEach(selected::add);
        return selected;
    }
}
