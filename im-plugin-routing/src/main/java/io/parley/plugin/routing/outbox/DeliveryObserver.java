package io.parley.plugin.routing.outbox;

import io.parley.plugin.routing.spi.RoutingEvent;

/**
 * Told what happens to events in the outbox, for metrics. Called on the thread that caused it (the outbox
 * writer for {@link #queued}, a delivery worker for the others); implementations must be thread-safe and
 * must not block.
 */
public interface DeliveryObserver {

    /** The events of {@code kind} became durable in the outbox. */
    void queued(RoutingEvent.Kind kind, int count);

    /** An event was accepted by the sink, {@code latencyMillis} after it happened. */
    void delivered(RoutingEvent event, long latencyMillis);

    /** A delivery attempt of {@code count} events of {@code kind} failed and will be retried. */
    void retried(RoutingEvent.Kind kind, int count);

    /** An event went to the dead-letter store. */
    void deadLettered(RoutingEvent event);

    /** Does nothing; for tests and tools. */
    DeliveryObserver NONE = new DeliveryObserver() {
        @Override
        public void queued(RoutingEvent.Kind kind, int count) {
        }

        @Override
        public void delivered(RoutingEvent event, long latencyMillis) {
        }

        @Override
        public void retried(RoutingEvent.Kind kind, int count) {
        }

        @Override
        public void deadLettered(RoutingEvent event) {
        }
    };
}
