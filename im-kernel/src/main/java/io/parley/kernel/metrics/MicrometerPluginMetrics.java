package io.parley.kernel.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.parley.api.plugin.PluginMetrics;
import java.util.function.Supplier;

/** {@link PluginMetrics} backed by a Micrometer registry. */
public final class MicrometerPluginMetrics implements PluginMetrics {
    private final MeterRegistry registry;

    public MicrometerPluginMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public Counter counter(String name, String... tags) {
        io.micrometer.core.instrument.Counter counter = registry.counter(name, tags);
        return amount -> counter.increment(amount);
    }

    @Override
    public Timer timer(String name, String... tags) {
        io.micrometer.core.instrument.Timer timer = io.micrometer.core.instrument.Timer.builder(name).tags(tags)
                .publishPercentiles(0.5, 0.99).register(registry);
        return timer::record;
    }

    @Override
    public void gauge(String name, Supplier<Number> value, String... tags) {
        Gauge.builder(name, value).tags(tags).register(registry);
    }
}
