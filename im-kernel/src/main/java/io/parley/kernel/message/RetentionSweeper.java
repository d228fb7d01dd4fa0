package io.parley.kernel.message;

import io.parley.api.storage.MessageStore;
import io.parley.kernel.lifecycle.Service;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Drops inbox entries older than the offline-cache window ({@code message.offline-retention}), periodically. */
public final class RetentionSweeper implements Service {
    private static final Logger log = LoggerFactory.getLogger(RetentionSweeper.class);

    private final MessageStore store;
    private final ScheduledExecutorService scheduler;
    private final Clock clock;
    private final Duration retention;
    private final Duration interval;
    private ScheduledFuture<?> task;

    public RetentionSweeper(MessageStore store, ScheduledExecutorService scheduler, Clock clock, Duration retention,
            Duration interval) {
        this.store = store;
        this.scheduler = scheduler;
        this.clock = clock;
        this.retention = retention;
        this.interval = interval;
    }

    @Override
    public String name() {
        return "retention-sweeper";
    }

    @Override
    public List<String> dependsOn() {
        return List.of("storage");
    }

    @Override
    public void start() {
        task = scheduler.scheduleWithFixedDelay(this::sweep, interval.toMillis(), interval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** Runs one sweep now; returns how many inbox entries were dropped. */
    public long sweep() {
        try {
            long dropped = store.expireInboxEntries(clock.millis() - retention.toMillis());
            if (dropped > 0) {
                log.info("dropped {} inbox entries older than {}", dropped, retention);
            }
            return dropped;
        } catch (RuntimeException e) {
            log.warn("retention sweep failed", e);
            return 0;
        }
    }

    @Override
    public void stop() {
        if (task != null) {
            task.cancel(false);
        }
    }
}
