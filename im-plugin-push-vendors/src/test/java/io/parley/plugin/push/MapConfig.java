package io.parley.plugin.push;

import io.parley.api.plugin.PluginConfig;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Config from a map, with subsets, for unit tests of config records and factories. */
public record MapConfig(Map<String, String> values) implements PluginConfig {

    @Override
    public Optional<String> get(String key) {
        return Optional.ofNullable(values.get(key));
    }

    @Override
    public Set<String> keys() {
        return values.keySet();
    }

    @Override
    public PluginConfig subset(String prefix) {
        Map<String, String> sub = new LinkedHashMap<>();
        values.forEach((key, value) -> {
            if (key.startsWith(prefix + ".")) {
                sub.put(key.substring(prefix.length() + 1), value);
            }
        });
        return new MapConfig(sub);
    }
}
