package io.parley.api.plugin;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * Metrics without a dependency on a metrics library; the kernel backs it with Micrometer. Names follow
 * {@code im.<area>.<name>}; tags are given as key, value pairs. Give each name a {@link #describe description} before
 * its first meter: {@code /metrics} shows it as the meter's {@code # HELP} line. Thread-safe and non-blocking.
 */
public interface PluginMetrics {

    /**
     * Describes the meters named {@code name} (what they count or measure, and their tags' meaning): the {@code # HELP}
     * line of {@code /metrics}. Call it before the first {@link #counter}, {@link #timer} or {@link #gauge} of that name;
     * a meter already registered keeps the description it had. Returns this, so that descriptions can be chained.
     */
    default PluginMetrics describe(String name, String description) {
        return this;
    }

    /** A monotonically increasing count. */
    Counter counter(String name, String... tags);

    /** A latency distribution. */
    Timer timer(String name, String... tags);

    /** A value read when metrics are scraped; {@code value} must be cheap and thread-safe. */
    void gauge(String name, Supplier<Number> value, String... tags);

    interface Counter {
        void increment(long amount);

        default void increment() {
            increment(1);
        }
    }

    interface Timer {
        void record(Duration duration);
    }
}
