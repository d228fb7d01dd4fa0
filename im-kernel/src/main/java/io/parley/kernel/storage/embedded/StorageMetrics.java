package io.parley.kernel.storage.embedded;

import io.parley.api.plugin.PluginMetrics;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The embedded store's metrics: {@code im.storage.commit.batch.size} (a gauge of the last batch's record count;
 * the mean batch is {@code im.storage.commit.records} / {@code im.storage.commit.batches}, two counters),
 * {@code im.storage.commit.latency} (a timer with percentiles: an append's submission to its durable write),
 * {@code im.storage.fsync} (a timer), {@code im.storage.bytes} (a gauge of the bytes on disk),
 * {@code im.storage.write.failures} (a counter of failed writes, fsyncs and checkpoints) and {@code im.storage.failing}
 * (a gauge: 1 while the store's writes fail, else 0). Works without a metrics backend ({@link #none()}). Thread-safe,
 * non-blocking.
 */
public final class StorageMetrics {
    private final PluginMetrics metrics;
    private final PluginMetrics.Timer fsync;
    private final PluginMetrics.Timer latency;
    private final PluginMetrics.Counter records;
    private final PluginMetrics.Counter batches;
    private final PluginMetrics.Timer checkpoint;
    private final PluginMetrics.Counter refused;
    private final PluginMetrics.Counter writeFailures;
    private final AtomicLong lastBatchSize = new AtomicLong();

    private StorageMetrics(PluginMetrics metrics) {
        this.metrics = metrics;
        if (metrics != null) {
            metrics.describe("im.storage.fsync", "Time an fsync of the message log took")
                    .describe("im.storage.commit.latency", "Time from an append's arrival at the store to its durable"
                            + " commit (group commit included)")
                    .describe("im.storage.commit.records", "Records written to the message log")
                    .describe("im.storage.commit.batches", "Group-commit batches written (each one fsync)")
                    .describe("im.storage.checkpoint", "Time a checkpoint of the indexes took")
                    .describe("im.storage.refused.busy", "Appends refused at once because the commit queue was full")
                    .describe("im.storage.write.failures", "Writes to the message log that failed (a full or failing"
                            + " disk)")
                    .describe("im.storage.commit.batch.size", "Records in the last group-commit batch")
                    .describe("im.storage.bytes", "Bytes the store holds on disk")
                    .describe("im.storage.queue.appends", "Appends waiting for the committer")
                    .describe("im.storage.failing", "1 while the store's writes fail, else 0");
        }
        this.fsync = metrics == null ? duration -> { } : metrics.timer("im.storage.fsync");
        this.latency = metrics == null ? duration -> { } : metrics.timer("im.storage.commit.latency");
        this.records = metrics == null ? amount -> { } : metrics.counter("im.storage.commit.records");
        this.batches = metrics == null ? amount -> { } : metrics.counter("im.storage.commit.batches");
        this.checkpoint = metrics == null ? duration -> { } : metrics.timer("im.storage.checkpoint");
        this.refused = metrics == null ? amount -> { } : metrics.counter("im.storage.refused.busy");
        this.writeFailures = metrics == null ? amount -> { } : metrics.counter("im.storage.write.failures");
        if (metrics != null) {
            metrics.gauge("im.storage.commit.batch.size", lastBatchSize::get);
        }
    }

    /** Metrics recorded through {@code metrics}; {@code null} records nothing. */
    public static StorageMetrics of(PluginMetrics metrics) {
        return new StorageMetrics(metrics);
    }

    public static StorageMetrics none() {
        return new StorageMetrics(null);
    }

    /** Registers the {@code im.storage.bytes} gauge. */
    void bytesOnDisk(Supplier<Number> bytes) {
        if (metrics != null) {
            metrics.gauge("im.storage.bytes", bytes);
        }
    }

    void batchWritten(int recordCount) {
        lastBatchSize.set(recordCount);
        records.increment(recordCount);
        batches.increment();
    }

    void fsynced(long nanos) {
        fsync.record(Duration.ofNanos(nanos));
    }

    void checkpointed(long nanos) {
        checkpoint.record(Duration.ofNanos(nanos));
    }

    void refusedBusy() {
        refused.increment();
    }

    /** Registers the {@code im.storage.queue.appends} gauge: appends waiting for the committer. */
    void queue(Supplier<Number> queuedAppends) {
        if (metrics != null) {
            metrics.gauge("im.storage.queue.appends", queuedAppends);
        }
    }

    void writeFailed() {
        writeFailures.increment();
    }

    /** Registers the {@code im.storage.failing} gauge: 1 while the store's writes fail. */
    void failing(Supplier<Number> failing) {
        if (metrics != null) {
            metrics.gauge("im.storage.failing", failing);
        }
    }

    void committed(long nanos) {
        latency.record(Duration.ofNanos(nanos));
    }
}
