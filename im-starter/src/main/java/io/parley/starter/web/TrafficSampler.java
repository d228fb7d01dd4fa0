package io.parley.starter.web;

import io.parley.kernel.ops.ServerOverview;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Samples the message and delivery counters every {@link #PERIOD_SECONDS} seconds and keeps the rates of the
 * last {@link #WINDOW_SAMPLES} periods (ten minutes), for the console's charts. Thread-safe.
 */
final class TrafficSampler {
    static final int PERIOD_SECONDS = 2;
    static final int WINDOW_SAMPLES = 300;

    /** Rates over one period ending at {@code time}: messages committed and messages delivered, per second. */
    record Sample(long time, double messagesPerSecond, double deliveriesPerSecond, int connections) {
    }

    private final ServerOverview overview;
    private final LongSupplier clock;
    private final Deque<Sample> samples = new ArrayDeque<>();
    private long lastTime;
    private long lastMessages;
    private long lastDeliveries;

    TrafficSampler(ServerOverview overview, LongSupplier clock) {
        this.overview = overview;
        this.clock = clock;
        this.lastTime = clock.getAsLong();
        this.lastMessages = overview.messagesCommitted();
        this.lastDeliveries = overview.deliveries();
    }

    void start(ScheduledExecutorService scheduler) {
        scheduler.scheduleAtFixedRate(this::sample, PERIOD_SECONDS, PERIOD_SECONDS, TimeUnit.SECONDS);
    }

    synchronized void sample() {
        long now = clock.getAsLong();
        long messages = overview.messagesCommitted();
        long deliveries = overview.deliveries();
        double seconds = Math.max(1, now - lastTime) / 1000.0;
        samples.addLast(new Sample(now, (messages - lastMessages) / seconds, (deliveries - lastDeliveries) / seconds,
                overview.connectionCount()));
        while (samples.size() > WINDOW_SAMPLES) {
            samples.removeFirst();
        }
        lastTime = now;
        lastMessages = messages;
        lastDeliveries = deliveries;
    }

    /** The samples, oldest first. */
    synchronized List<Sample> samples() {
        return new ArrayList<>(samples);
    }
}
