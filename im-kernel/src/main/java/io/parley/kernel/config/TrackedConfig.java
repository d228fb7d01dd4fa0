package io.parley.kernel.config;

import io.parley.api.plugin.PluginConfig;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link PluginConfig} over {@link ConfigSources} that records every key read, so that the kernel can
 * fail startup on keys nobody used ({@link ConfigValidator}). Views made by {@link #subset} share the record.
 */
public final class TrackedConfig implements PluginConfig {
    private final ConfigSources sources;
    private final Set<String> used;
    private final String prefix;

    private TrackedConfig(ConfigSources sources, Set<String> used, String prefix) {
        this.sources = sources;
        this.used = used;
        this.prefix = prefix;
    }

    public static TrackedConfig of(ConfigSources sources) {
        return new TrackedConfig(sources, ConcurrentHashMap.newKeySet(), "");
    }

    /** A root view over plain values only. */
    public static TrackedConfig of(Map<String, String> values) {
        return of(ConfigSources.ofValues(values));
    }

    @Override
    public Optional<String> get(String key) {
        String full = prefix + key;
        used.add(full);
        return sources.lookup(full);
    }

    @Override
    public Set<String> keys() {
        Set<String> keys = new TreeSet<>();
        for (String key : sources.explicitKeys()) {
            if (key.startsWith(prefix)) {
                keys.add(key.substring(prefix.length()));
            }
        }
        return keys;
    }

    @Override
    public TrackedConfig subset(String subPrefix) {
        return new TrackedConfig(sources, used, prefix + subPrefix + ".");
    }

    /** Full keys read so far, sorted. */
    public Set<String> usedKeys() {
        return new TreeSet<>(used);
    }

    /** Keys written in the file, builder or system properties that nobody has read, sorted. */
    public Set<String> unusedKeys() {
        Set<String> unused = new TreeSet<>(sources.explicitKeys());
        unused.removeAll(used);
        return unused;
    }

    public ConfigSources sources() {
        return sources;
    }
}
