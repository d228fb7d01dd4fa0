package io.parley.plugin.moderation;

import io.parley.api.plugin.PluginMetrics;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/** Metrics that count in memory, keyed by name and tags, for unit tests. Thread-safe. */
public final class CountingMetrics implements PluginMetrics {
    private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();

    public long count(String name, String... tags) {
        AtomicLong count = counts.get(key(name, tags));
        return count == null ? 0 : count.get();
    }

    @Override
    public Counter counter(String name, String... tags) {
        AtomicLong count = counts.computeIfAbsent(key(name, tags), ignored -> new AtomicLong());
        return count::addAndGet;
    }

    @Override
    public Timer timer(String name, String... tags) {
        AtomicLong count = counts.computeIfAbsent(key(name, tags), ignored -> new AtomicLong());
        return duration -> count.incrementAndGet();
    }

    @Override
    public void gauge(String name, Supplier<Number> value, String... tags) {
    }

    private static String key(String name, String... tags) {
        return name + String.join(",", tags);
    }
}
