package io.parley.kernel.event;

import io.parley.kernel.metrics.Meters;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.parley.api.event.ImEvent;
import io.parley.api.event.ImEventListener;
import io.parley.kernel.plugin.PluginContributions;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands events to listeners asynchronously: each listener has its own single thread and bounded queue, so
 * it sees events one at a time in order and a slow listener delays only itself. A listener's exception is
 * logged and counted ({@code im.listener.errors}); when its queue is full the event is dropped for that
 * listener and counted ({@code im.listener.dropped}). Never blocks the publisher.
 */
@Singleton
public final class EventBus implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EventBus.class);
    private static final int QUEUE_SIZE = 100_000;

    private final List<Subscription> subscriptions = new ArrayList<>();

    /** The server's bus: one subscription for each listener the plugins contribute. */
    @Inject
    public EventBus(PluginContributions contributions, MeterRegistry registry) {
        this(contributions.listeners(), registry);
    }

    public EventBus(List<ImEventListener> listeners, MeterRegistry registry) {
        for (ImEventListener listener : listeners) {
            subscriptions.add(new Subscription(listener,
                    Meters.counter(registry, "im.listener.errors",
                            "Exceptions thrown by event listeners, by listener", "listener", listener.name()),
                    Meters.counter(registry, "im.listener.dropped",
                            "Events dropped because a listener's queue was full, by listener", "listener", listener.name())));
        }
    }

    public boolean hasListeners() {
        return !subscriptions.isEmpty();
    }

    /** Queues the event for each listener that {@link ImEventListener#accepts accepts} it. */
    public void publish(ImEvent event) {
        for (Subscription subscription : subscriptions) {
            if (subscription.accepts(event)) {
                subscription.offer(event);
            }
        }
    }

    @Override
    public void close() {
        subscriptions.forEach(Subscription::close);
    }

    private static final class Subscription {
        private final ImEventListener listener;
        private final Counter errors;
        private final Counter dropped;
        private final ThreadPoolExecutor executor;

        Subscription(ImEventListener listener, Counter errors, Counter dropped) {
            this.listener = listener;
            this.errors = errors;
            this.dropped = dropped;
            this.executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(QUEUE_SIZE),
                    task -> {
                        Thread thread = new Thread(task, "parley-listener-" + listener.name());
                        thread.setDaemon(true);
                        return thread;
                    });
        }

        boolean accepts(ImEvent event) {
            try {
                return listener.accepts(event);
            } catch (RuntimeException e) {
                errors.increment();
                log.warn("listener {} failed to say whether it accepts {}", listener.name(),
                        event.getClass().getSimpleName(), e);
                return false;
            }
        }

        void offer(ImEvent event) {
            try {
                executor.execute(() -> {
                    try {
                        listener.onEvent(event);
                    } catch (RuntimeException e) {
                        errors.increment();
                        log.warn("listener {} failed on {}", listener.name(), event.getClass().getSimpleName(), e);
                    }
                });
            } catch (RejectedExecutionException e) {
                dropped.increment();
            }
        }

        void close() {
            executor.shutdown();
            try {
                executor.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
