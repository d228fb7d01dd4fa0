package io.parley.kernel.storage.embedded;

import io.parley.api.plugin.PluginMetrics;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The embedded store's metrics: {@code im.storage.commit.batch.size} (a gauge of the last batch's record
 * count), {@code im.storage.commit.records} (a counter) and {@code im.storage.fsync} (a timer). Works without
 * a metrics backend ({@link #none()}). Thread-safe, non-blocking.
 */
public final class StorageMetrics {
    private final PluginMetrics.Timer fsync;
    private final PluginMetrics.Counter records;
    private final AtomicLong lastBatchSize = new AtomicLong();

    private StorageMetrics(PluginMetrics.Timer fsync, PluginMetrics.Counter records) {
        this.fsync = fsync;
        this.records = records;
    }

    /** Metrics recorded through {@code metrics}; {@code null} records nothing. */
    public static StorageMetrics of(PluginMetrics metrics) {
        if (metrics == null) {
            return none();
        }
        StorageMetrics storageMetrics = new StorageMetrics(metrics.timer("im.storage.fsync"),
                metrics.counter("im.storage.commit.records"));
        metrics.gauge("im.storage.commit.batch.size", storageMetrics.lastBatchSize::get);
        return storageMetrics;
    }

    public static StorageMetrics none() {
        return new StorageMetrics(duration -> { }, amount -> { });
    }

    void batchWritten(int recordCount) {
        lastBatchSize.set(recordCount);
        records.increment(recordCount);
    }

    void fsynced(long nanos) {
        fsync.record(Duration.ofNanos(nanos));
    }
}
