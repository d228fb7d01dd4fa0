package io.parley.kernel.config;

import io.parley.api.plugin.PluginConfig;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link PluginConfig} over a flat map of effective values that records every key read, so that the kernel
 * can fail startup on keys nobody used. Views made by {@link #subset} share the record of used keys.
 */
public final class TrackedConfig implements PluginConfig {
    private final Map<String, String> values;
    private final Set<String> used;
    private final String prefix;

    private TrackedConfig(Map<String, String> values, Set<String> used, String prefix) {
        this.values = values;
        this.used = used;
        this.prefix = prefix;
    }

    /** A root view over {@code values} (copied). */
    public static TrackedConfig of(Map<String, String> values) {
        return new TrackedConfig(Map.copyOf(values), ConcurrentHashMap.newKeySet(), "");
    }

    @Override
    public Optional<String> get(String key) {
        String full = prefix + key;
        used.add(full);
        return Optional.ofNullable(values.get(full));
    }

    @Override
    public Set<String> keys() {
        Set<String> keys = new TreeSet<>();
        for (String key : values.keySet()) {
            if (key.startsWith(prefix)) {
                keys.add(key.substring(prefix.length()));
            }
        }
        return keys;
    }

    @Override
    public TrackedConfig subset(String subPrefix) {
        return new TrackedConfig(values, used, prefix + subPrefix + ".");
    }

    /** Marks every key under this view as used, for subtrees handed whole to a component that validates them itself. */
    public void markAllUsed() {
        for (String key : keys()) {
            used.add(prefix + key);
        }
    }

    /** Keys present in the config that nobody has read, sorted. */
    public Set<String> unusedKeys() {
        Set<String> unused = new TreeSet<>(values.keySet());
        unused.removeAll(used);
        return unused;
    }

    /** Keys that have been read, sorted: the candidates for a "did you mean". */
    public Set<String> usedKeys() {
        return new TreeSet<>(used);
    }

    /** Every effective value, for logging. */
    public Map<String, String> asMap() {
        return new TreeMap<>(values);
    }
}
