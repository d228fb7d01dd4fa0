package io.parley.api.plugin;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * Metrics without a dependency on a metrics library; the kernel backs it with Micrometer. Names follow
 * {@code im.<area>.<name>}; tags are given as key, value pairs. Thread-safe and non-blocking.
 */
public interface PluginMetrics {

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
