package io.parley.kernel.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.parley.api.plugin.PluginMetrics;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/** {@link PluginMetrics} backed by a Micrometer registry; the descriptions given to it become the meters' HELP lines. */
public final class MicrometerPluginMetrics implements PluginMetrics {
    private final MeterRegistry registry;
    private final Map<String, String> descriptions = new ConcurrentHashMap<>();

    public MicrometerPluginMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public PluginMetrics describe(String name, String description) {
        descriptions.put(name, description);
        return this;
    }

    @Override
    public Counter counter(String name, String... tags) {
        io.micrometer.core.instrument.Counter counter = io.micrometer.core.instrument.Counter.builder(name).tags(tags)
                .description(descriptions.get(name)).register(registry);
        return amount -> counter.increment(amount);
    }

    @Override
    public Timer timer(String name, String... tags) {
        io.micrometer.core.instrument.Timer timer = io.micrometer.core.instrument.Timer.builder(name).tags(tags)
                .description(descriptions.get(name)).publishPercentiles(0.5, 0.99).register(registry);
        return timer::record;
    }

    @Override
    public void gauge(String name, Supplier<Number> value, String... tags) {
        Gauge.builder(name, value).tags(tags).description(descriptions.get(name)).register(registry);
    }
}
