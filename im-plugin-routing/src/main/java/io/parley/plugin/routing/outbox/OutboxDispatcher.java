package io.parley.plugin.routing.outbox;

import io.parley.plugin.routing.spi.RoutingEvent;
import io.parley.plugin.routing.spi.RoutingSink;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the outbox's durable events to the sink: at least once, strictly in order per key, with a
 * failing key blocking only itself (head of line per key), exponential backoff with jitter between tries,
 * and the dead-letter store after the retry window.
 *
 * <p>How: a <em>lane</em> per key with pending events holds at most {@code depth} of them in memory and
 * has at most one delivery in flight. There are at most {@code maxInMemory / depth} lanes, so memory stays
 * bounded however long the backlog is; a scanner walks the outbox in id order to open lanes for keys that
 * have none, and a lane pages its own later events from the outbox's per-key index.
 *
 * <p>Threads: the state is guarded by this object's monitor; {@link #pump()} is called by the outbox writer
 * after a commit and by delivery workers; sink calls run on the dispatcher's own worker pool and retries
 * wait on its own timer thread. Nothing here blocks the caller of {@link #pump()} beyond short MapDB reads.
 */
public final class OutboxDispatcher implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(OutboxDispatcher.class);
    private static final int SCAN_PAGE = 256;

    private final MapDbOutbox outbox;
    private final RoutingSink sink;
    private final Backoff backoff;
    private final Duration retryWindow;
    private final Clock clock;
    private final DeliveryObserver observer;
    private final int[] batchByKind = new int[RoutingEvent.Kind.values().length];
    private final int depth;
    private final int maxLanes;
    private final ExecutorService workers;
    private final ScheduledExecutorService timer;
    private final Map<String, Lane> lanes = new HashMap<>();
    private final ArrayDeque<Lane> ready = new ArrayDeque<>();
    private final AtomicInteger held = new AtomicInteger();
    private final AtomicInteger peakHeld = new AtomicInteger();
    private long scanCursor;
    private boolean closed;

    /** One key's place in line: its next events in memory and whether a delivery is in flight or waiting. */
    private static final class Lane {
        final String key;
        final RoutingEvent.Kind kind;
        final ArrayDeque<RoutingEvent> buffer = new ArrayDeque<>();
        long lastLoadedId;
        int attempts;

        Lane(String key, RoutingEvent.Kind kind) {
            this.key = key;
            this.kind = kind;
        }
    }

    public OutboxDispatcher(MapDbOutbox outbox, RoutingSink sink, Backoff backoff, Duration retryWindow,
            int batchSize, int maxInMemory, int workerThreads, Clock clock, DeliveryObserver observer) {
        this.outbox = outbox;
        this.sink = sink;
        this.backoff = backoff;
        this.retryWindow = retryWindow;
        this.clock = clock;
        this.observer = observer;
        for (RoutingEvent.Kind kind : RoutingEvent.Kind.values()) {
            batchByKind[kind.ordinal()] = Math.max(1, Math.min(batchSize, sink.maxBatchSize(kind)));
        }
        this.depth = Math.max(1, batchSize);
        this.maxLanes = Math.max(1, maxInMemory / depth);
        this.workers = Executors.newFixedThreadPool(workerThreads, daemon("parley-routing-delivery"));
        this.timer = Executors.newSingleThreadScheduledExecutor(daemon("parley-routing-retry"));
    }

    /** Starts delivering what the outbox holds, and whatever it commits from now on. */
    public void start() {
        outbox.onDurable(this::pump);
        pump();
    }

    /** Events held in memory for delivery right now; never above {@code max-in-memory}. */
    public int heldInMemory() {
        return held.get();
    }

    /** The most events ever held in memory at once by this dispatcher. */
    public int peakHeldInMemory() {
        return peakHeld.get();
    }

    /** Opens lanes for waiting keys and starts a delivery for every lane that is ready. */
    public synchronized void pump() {
        if (closed) {
            return;
        }
        boolean freedCapacity = true;
        while (freedCapacity) {
            freedCapacity = false;
            scan();
            Lane lane;
            while ((lane = ready.poll()) != null) {
                if (lane.buffer.isEmpty()) {
                    refill(lane);
                }
                if (lane.buffer.isEmpty()) {
                    lanes.remove(lane.key);
                    freedCapacity = true;
                    continue;
                }
                List<RoutingEvent> batch = new ArrayList<>(lane.buffer).subList(0,
                        Math.min(lane.buffer.size(), batchByKind[lane.kind.ordinal()]));
                Lane inFlight = lane;
                try {
                    workers.execute(() -> deliver(inFlight, List.copyOf(batch)));
                } catch (RejectedExecutionException e) {
                    return;
                }
            }
        }
    }

    private void scan() {
        while (lanes.size() < maxLanes) {
            List<RoutingEvent> page = outbox.scan(scanCursor, SCAN_PAGE);
            if (page.isEmpty()) {
                return;
            }
            for (RoutingEvent event : page) {
                if (lanes.size() >= maxLanes) {
                    return;
                }
                scanCursor = event.id();
                if (!lanes.containsKey(event.key())) {
                    Lane lane = new Lane(event.key(), event.kind());
                    lanes.put(event.key(), lane);
                    ready.add(lane);
                }
            }
        }
    }

    private void refill(Lane lane) {
        List<RoutingEvent> next = outbox.pendingOf(lane.key, lane.lastLoadedId, depth - lane.buffer.size());
        for (RoutingEvent event : next) {
            lane.buffer.add(event);
            lane.lastLoadedId = event.id();
        }
        int now = held.addAndGet(next.size());
        peakHeld.accumulateAndGet(now, Math::max);
    }

    private void deliver(Lane lane, List<RoutingEvent> batch) {
        Exception failure = null;
        try {
            sink.deliver(batch);
        } catch (Exception e) {
            failure = e;
        }
        if (failure == null) {
            succeeded(lane, batch);
        } else {
            failed(lane, batch, failure);
        }
    }

    private void succeeded(Lane lane, List<RoutingEvent> batch) {
        try {
            outbox.delivered(batch);
        } catch (RuntimeException e) {
            log.debug("routing outbox closed before a delivery was recorded; it will be sent again", e);
            return;
        }
        long now = clock.millis();
        batch.forEach(event -> observer.delivered(event, Math.max(0, now - event.occurredAt())));
        synchronized (this) {
            for (int i = 0; i < batch.size(); i++) {
                lane.buffer.poll();
            }
            held.addAndGet(-batch.size());
            lane.attempts = 0;
            ready.add(lane);
        }
        pump();
    }

    private void failed(Lane lane, List<RoutingEvent> batch, Exception failure) {
        long now = clock.millis();
        String error = String.valueOf(failure.getMessage() == null ? failure.getClass().getName() : failure.getMessage());
        List<RoutingEvent> expired = batch.stream()
                .filter(event -> now - event.queuedAt() >= retryWindow.toMillis()).toList();
        if (!expired.isEmpty()) {
            try {
                expired.forEach(event -> outbox.bury(new DeadLetter(event, now, lane.attempts + 1, error)));
            } catch (RuntimeException e) {
                log.debug("routing outbox closed before a dead letter was recorded", e);
                return;
            }
            expired.forEach(observer::deadLettered);
            synchronized (this) {
                lane.buffer.removeAll(expired);
                held.addAndGet(-expired.size());
                lane.attempts = 0;
                ready.add(lane);
            }
            pump();
            return;
        }
        int attempt;
        synchronized (this) {
            attempt = ++lane.attempts;
        }
        observer.retried(lane.kind, batch.size());
        long delay = backoff.delayMillis(attempt);
        log.debug("routing {} failed (attempt {}): {}; retrying in {} ms", lane.key, attempt, error, delay);
        try {
            timer.schedule(() -> {
                synchronized (this) {
                    ready.add(lane);
                }
                pump();
            }, delay, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closing) {
            // the dispatcher is closing: the events stay in the outbox for the next start
        }
    }

    /** Stops delivering (in-flight attempts are interrupted and will be redone after a restart), then closes the sink. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        timer.shutdownNow();
        workers.shutdownNow();
        try {
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            sink.close();
        } catch (RuntimeException e) {
            log.warn("routing sink failed to close", e);
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
