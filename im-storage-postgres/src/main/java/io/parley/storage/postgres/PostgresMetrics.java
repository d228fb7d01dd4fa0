package io.parley.storage.postgres;

import io.parley.api.plugin.PluginContext;
import io.parley.api.plugin.PluginMetrics;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The PostgreSQL store's metrics. The commit meters have the embedded store's names, so one dashboard serves
 * both: {@code im.storage.commit.latency} (an append's submission to its commit), {@code im.storage.commit.records}
 * and {@code im.storage.commit.batches} (counters; their ratio is the mean batch) and
 * {@code im.storage.commit.batch.size} (the last batch). Its own: {@code im.storage.postgres.retries} (batches
 * retried after a deadlock, a serialization failure or a race on a new key), {@code im.storage.postgres.failures}
 * (batches failed back to their callers) and the pool gauges {@code im.storage.postgres.pool.active},
 * {@code .idle} and {@code .waiting}. Works without a metrics backend ({@link #none()}). Thread-safe.
 */
public final class PostgresMetrics {
    private final PluginMetrics metrics;
    private final PluginMetrics.Timer latency;
    private final PluginMetrics.Counter records;
    private final PluginMetrics.Counter batches;
    private final PluginMetrics.Counter retries;
    private final PluginMetrics.Counter failures;
    private final AtomicLong lastBatchSize = new AtomicLong();

    private PostgresMetrics(PluginMetrics metrics) {
        this.metrics = metrics;
        if (metrics != null) {
            metrics.describe("im.storage.commit.latency", "Time from an append's arrival at the store to the commit of"
                            + " its batch in PostgreSQL")
                    .describe("im.storage.commit.records", "Appends committed to PostgreSQL")
                    .describe("im.storage.commit.batches", "Batches committed to PostgreSQL (each one transaction)")
                    .describe("im.storage.postgres.retries", "Batches retried after a transient PostgreSQL failure")
                    .describe("im.storage.postgres.failures", "Batches that failed back to their callers")
                    .describe("im.storage.commit.batch.size", "Appends in the last batch committed")
                    .describe("im.storage.postgres.pool.active", "Connections of the pool in use")
                    .describe("im.storage.postgres.pool.idle", "Connections of the pool idle")
                    .describe("im.storage.postgres.pool.waiting", "Threads waiting for a connection of the pool");
        }
        this.latency = metrics == null ? duration -> { } : metrics.timer("im.storage.commit.latency");
        this.records = metrics == null ? amount -> { } : metrics.counter("im.storage.commit.records");
        this.batches = metrics == null ? amount -> { } : metrics.counter("im.storage.commit.batches");
        this.retries = metrics == null ? amount -> { } : metrics.counter("im.storage.postgres.retries");
        this.failures = metrics == null ? amount -> { } : metrics.counter("im.storage.postgres.failures");
        if (metrics != null) {
            metrics.gauge("im.storage.commit.batch.size", lastBatchSize::get);
        }
    }

    /** Metrics recorded through the context's registry, or none when the context has no metrics. */
    public static PostgresMetrics of(PluginContext context) {
        try {
            return new PostgresMetrics(context.metrics());
        } catch (UnsupportedOperationException | IllegalStateException e) {
            return none();
        }
    }

    public static PostgresMetrics of(PluginMetrics metrics) {
        return new PostgresMetrics(metrics);
    }

    public static PostgresMetrics none() {
        return new PostgresMetrics(null);
    }

    void pool(Supplier<Number> active, Supplier<Number> idle, Supplier<Number> waiting) {
        if (metrics != null) {
            metrics.gauge("im.storage.postgres.pool.active", active);
            metrics.gauge("im.storage.postgres.pool.idle", idle);
            metrics.gauge("im.storage.postgres.pool.waiting", waiting);
        }
    }

    void batchCommitted(int appendCount) {
        lastBatchSize.set(appendCount);
        records.increment(appendCount);
        batches.increment();
    }

    void committed(long submittedNanos) {
        latency.record(Duration.ofNanos(System.nanoTime() - submittedNanos));
    }

    void retried() {
        retries.increment();
    }

    void failed() {
        failures.increment();
    }
}
