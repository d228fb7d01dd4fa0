package io.parley.kernel.message;

import io.parley.api.storage.ExpiryResult;
import io.parley.api.storage.RetentionCutoffs;
import io.parley.api.storage.StorageCapability;
import io.parley.api.storage.StorageProvider;
import io.parley.kernel.lifecycle.Service;
import io.parley.kernel.storage.RetentionPolicy;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the {@link RetentionPolicy} periodically ({@code retention.sweep-interval}, first run a minute after
 * start): expired inbox entries and messages are dropped per conversation type, and the provider gives the disk
 * space back. Runs on the kernel scheduler; the store works in bounded steps off its commit thread, so writers
 * are not stalled. What is kept beside the messages for their sake (a plugin's index of them, such as the
 * broadcast log) expires with them, through {@code alsoExpire} (every plugin's {@code PluginInstance#retentionSwept}). A provider without {@link StorageCapability#RETENTION} is left alone (logged once).
 */
public final class RetentionSweeper implements Service {
    private static final Logger log = LoggerFactory.getLogger(RetentionSweeper.class);
    private static final Duration FIRST_RUN = Duration.ofMinutes(1);

    private final StorageProvider storage;
    private final ScheduledExecutorService scheduler;
    private final Clock clock;
    private final RetentionPolicy policy;
    private final Duration interval;
    private final Consumer<RetentionCutoffs> alsoExpire;
    private ScheduledFuture<?> task;

    public RetentionSweeper(StorageProvider storage, ScheduledExecutorService scheduler, Clock clock,
            RetentionPolicy policy, Duration interval, Consumer<RetentionCutoffs> alsoExpire) {
        this.storage = storage;
        this.alsoExpire = alsoExpire;
        this.scheduler = scheduler;
        this.clock = clock;
        this.policy = policy;
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
        if (!storage.capabilities().contains(StorageCapability.RETENTION)) {
            log.warn("the storage provider has no RETENTION capability: nothing will expire");
            return;
        }
        long first = Math.min(FIRST_RUN.toMillis(), interval.toMillis());
        task = scheduler.scheduleWithFixedDelay(this::sweep, first, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Runs one sweep now, on the calling thread; returns what was dropped (nothing if it failed). */
    public ExpiryResult sweep() {
        try {
            long start = System.nanoTime();
            RetentionCutoffs cutoffs = policy.cutoffs(clock.millis());
            ExpiryResult result = storage.messages().expire(cutoffs);
            alsoExpire.accept(cutoffs);
            if (result.inboxEntries() > 0 || result.messages() > 0 || result.bytesReclaimed() > 0) {
                log.info("retention: dropped {} messages and {} inbox entries, reclaimed {} bytes in {} ms",
                        result.messages(), result.inboxEntries(), result.bytesReclaimed(),
                        (System.nanoTime() - start) / 1_000_000);
            }
            return result;
        } catch (RuntimeException e) {
            log.warn("retention sweep failed", e);
            return ExpiryResult.NONE;
        }
    }

    @Override
    public void stop() {
        if (task != null) {
            task.cancel(false);
        }
    }
}
