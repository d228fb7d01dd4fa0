package io.parley.kernel.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.ToDoubleFunction;

/**
 * Registers the kernel's meters with their descriptions, which {@code /metrics} shows as each meter's
 * {@code # HELP} line: every Parley meter has one ({@code MetricsHelpTest} in im-starter checks).
 */
public final class Meters {
    private Meters() {
    }

    /** The counter {@code name} with {@code tags} (key, value pairs), described. */
    public static Counter counter(MeterRegistry registry, String name, String description, String... tags) {
        return Counter.builder(name).description(description).tags(tags).register(registry);
    }

    /** A gauge reading {@code value} of {@code state} (held strongly, unlike {@code MeterRegistry.gauge}), described. */
    public static <T> T gauge(MeterRegistry registry, String name, String description, T state,
            ToDoubleFunction<T> value) {
        Gauge.builder(name, state, value).description(description).strongReference(true).register(registry);
        return state;
    }
}
