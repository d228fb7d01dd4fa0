package io.parley.kernel.config;

import io.parley.api.plugin.PluginConfig;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link PluginConfig} over {@link ConfigSources} that records every key read, so that the kernel can
 * fail startup on keys nobody used ({@link ConfigValidator}), and the default each reader gave, so that the
 * effective configuration shows every key with the value in force ({@link EffectiveConfigPrinter}). Views made by
 * {@link #subset} share the record.
 */
public final class TrackedConfig implements PluginConfig {
    private final ConfigSources sources;
    private final Set<String> used;
    private final Map<String, String> defaults;
    private final Set<String> secrets;
    private final String prefix;

    private TrackedConfig(ConfigSources sources, Set<String> used, Map<String, String> defaults, Set<String> secrets,
            String prefix) {
        this.sources = sources;
        this.used = used;
        this.defaults = defaults;
        this.secrets = secrets;
        this.prefix = prefix;
    }

    public static TrackedConfig of(ConfigSources sources) {
        return new TrackedConfig(sources, ConcurrentHashMap.newKeySet(), new ConcurrentHashMap<>(),
                ConcurrentHashMap.newKeySet(), "");
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
    public String get(String key, String defaultValue) {
        recordDefault(key, defaultValue);
        return PluginConfig.super.get(key, defaultValue);
    }

    @Override
    public Optional<String> getSecret(String key) {
        secrets.add(prefix + key);
        return get(key);
    }

    @Override
    public String getSecret(String key, String defaultValue) {
        recordDefault(key, defaultValue);
        return getSecret(key).orElse(defaultValue);
    }

    @Override
    public int getInt(String key, int defaultValue) {
        recordDefault(key, String.valueOf(defaultValue));
        return PluginConfig.super.getInt(key, defaultValue);
    }

    @Override
    public long getLong(String key, long defaultValue) {
        recordDefault(key, String.valueOf(defaultValue));
        return PluginConfig.super.getLong(key, defaultValue);
    }

    @Override
    public boolean getBoolean(String key, boolean defaultValue) {
        recordDefault(key, String.valueOf(defaultValue));
        return PluginConfig.super.getBoolean(key, defaultValue);
    }

    @Override
    public Duration getDuration(String key, Duration defaultValue) {
        recordDefault(key, defaultValue == null ? null : format(defaultValue));
        return PluginConfig.super.getDuration(key, defaultValue);
    }

    /** The first default given for a key is the one shown (a key read twice is read with the same default). */
    private void recordDefault(String key, String defaultValue) {
        if (defaultValue != null) {
            defaults.putIfAbsent(prefix + key, defaultValue);
        }
    }

    /** A duration in the syntax config values use: {@code 0}, {@code 7d}, {@code 2h}, {@code 5m}, {@code 30s}, {@code 500ms}, {@code 250us}. */
    static String format(Duration duration) {
        if (duration.isZero()) {
            return "0";
        }
        long nanos = duration.toNanos();
        long[] units = {86_400_000_000_000L, 3_600_000_000_000L, 60_000_000_000L, 1_000_000_000L, 1_000_000L, 1_000L};
        String[] names = {"d", "h", "m", "s", "ms", "us"};
        for (int i = 0; i < units.length; i++) {
            if (nanos % units[i] == 0) {
                return nanos / units[i] + names[i];
            }
        }
        return duration.toString();
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
        return new TrackedConfig(sources, used, defaults, secrets, prefix + subPrefix + ".");
    }

    /** Full keys read so far, sorted. */
    public Set<String> usedKeys() {
        return new TreeSet<>(used);
    }

    /** Whether its reader declared a full key a secret ({@link #getSecret}). */
    public boolean isDeclaredSecret(String fullKey) {
        return secrets.contains(fullKey);
    }

    /** The default its reader gave a full key, if it gave one through a {@code get…(key, default)} method. */
    public Optional<String> defaultOf(String fullKey) {
        return Optional.ofNullable(defaults.get(fullKey));
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
