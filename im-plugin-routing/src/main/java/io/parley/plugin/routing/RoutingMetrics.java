package io.parley.plugin.routing;

import io.parley.api.plugin.PluginMetrics;
import io.parley.plugin.routing.outbox.DeliveryObserver;
import io.parley.plugin.routing.outbox.MapDbOutbox;
import io.parley.plugin.routing.outbox.OutboxDispatcher;
import io.parley.plugin.routing.spi.RoutingEvent;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * The plugin's metrics: counters {@code im.routing.queued}, {@code im.routing.delivered},
 * {@code im.routing.retried} and {@code im.routing.dead_lettered} and the timer {@code im.routing.latency}
 * (from the event to its delivery), each tagged {@code kind=message|presence}; gauges
 * {@code im.routing.backlog} (events in the outbox), {@code im.routing.dead_letters} and
 * {@code im.routing.in_memory} (events held in memory for delivery). Thread-safe and non-blocking.
 */
final class RoutingMetrics implements DeliveryObserver {
    private final Map<RoutingEvent.Kind, PluginMetrics.Counter> queued = new EnumMap<>(RoutingEvent.Kind.class);
    private final Map<RoutingEvent.Kind, PluginMetrics.Counter> delivered = new EnumMap<>(RoutingEvent.Kind.class);
    private final Map<RoutingEvent.Kind, PluginMetrics.Counter> retried = new EnumMap<>(RoutingEvent.Kind.class);
    private final Map<RoutingEvent.Kind, PluginMetrics.Counter> deadLettered = new EnumMap<>(RoutingEvent.Kind.class);
    private final Map<RoutingEvent.Kind, PluginMetrics.Timer> latency = new EnumMap<>(RoutingEvent.Kind.class);

    RoutingMetrics(PluginMetrics metrics) {
        metrics.describe("im.routing.queued", "Events written to the routing outbox, by kind (message, presence)")
                .describe("im.routing.delivered", "Events delivered to the app server's webhook, by kind")
                .describe("im.routing.retried", "Webhook deliveries retried, by kind")
                .describe("im.routing.dead_lettered", "Events given up after their retries and kept as dead letters,"
                        + " by kind")
                .describe("im.routing.latency", "Time from an event to its delivery to the webhook, by kind");
        for (RoutingEvent.Kind kind : RoutingEvent.Kind.values()) {
            String tag = kind.wireName();
            queued.put(kind, metrics.counter("im.routing.queued", "kind", tag));
            delivered.put(kind, metrics.counter("im.routing.delivered", "kind", tag));
            retried.put(kind, metrics.counter("im.routing.retried", "kind", tag));
            deadLettered.put(kind, metrics.counter("im.routing.dead_lettered", "kind", tag));
            latency.put(kind, metrics.timer("im.routing.latency", "kind", tag));
        }
    }

    /** Registers the gauges once the outbox and dispatcher exist. */
    static void registerGauges(PluginMetrics metrics, MapDbOutbox outbox, OutboxDispatcher dispatcher) {
        metrics.describe("im.routing.backlog", "Events in the routing outbox waiting for delivery")
                .describe("im.routing.dead_letters", "Events kept as dead letters")
                .describe("im.routing.in_memory", "Events held in memory for delivery");
        metrics.gauge("im.routing.backlog", () -> outbox.isClosed() ? 0 : outbox.backlog());
        metrics.gauge("im.routing.dead_letters", () -> outbox.isClosed() ? 0 : outbox.deadLetters().count());
        metrics.gauge("im.routing.in_memory", dispatcher::heldInMemory);
    }

    @Override
    public void queued(RoutingEvent.Kind kind, int count) {
        queued.get(kind).increment(count);
    }

    @Override
    public void delivered(RoutingEvent event, long latencyMillis) {
        delivered.get(event.kind()).increment();
        latency.get(event.kind()).record(Duration.ofMillis(latencyMillis));
    }

    @Override
    public void retried(RoutingEvent.Kind kind, int count) {
        retried.get(kind).increment(count);
    }

    @Override
    public void deadLettered(RoutingEvent event) {
        deadLettered.get(event.kind()).increment();
    }
}
