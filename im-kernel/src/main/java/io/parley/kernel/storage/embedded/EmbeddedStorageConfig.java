package io.parley.kernel.storage.embedded;

import static java.util.Objects.requireNonNull;

import io.parley.api.error.ImException;
import io.parley.api.plugin.PluginConfig;
import io.parley.kernel.config.KernelConfig;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The validated settings of the embedded storage provider. Immutable; the compact constructor rejects bad
 * values with an {@code INVALID_PARAMETER} {@link ImException}.
 *
 * @param dir the data directory: {@code log/} holds the message log, {@code index.mapdb} the derived index
 * @param durability whether a commit batch is forced to disk before its appends complete
 * @param segmentBytes the size at which the log rolls to a new segment file
 * @param checkpointInterval how often the derived state (metadata index, key table) is made durable, so that a
 *     restart replays only the log written since
 * @param maxBatch the most records written by one group commit
 * @param maxQueuedAppends the most message appends waiting for the committer; beyond, an append is refused at once
 *     with {@code SERVER_BUSY}
 * @param maxQueuedBytes the most content bytes of message appends waiting for the committer; beyond, likewise
 * @param memoryMaxBytes with durability {@code memory}: the most bytes the log may hold in memory; beyond, appends
 *     are refused with {@code SERVER_BUSY} until retention frees whole segments
 * @param syncInterval the least time from one fsync's start to the next one's: under a steady stream of sends the
 *     next fsync waits out the rest of it, so that each covers more appends (fewer fsyncs, larger batches, less CPU
 *     per message) at the cost of at most this much latency; an append after a quiet spell is forced at once.
 *     Zero forces as soon as the previous fsync ends
 */
public record EmbeddedStorageConfig(
        Path dir, Durability durability, long segmentBytes, Duration checkpointInterval, int maxBatch,
        int maxQueuedAppends, long maxQueuedBytes, long memoryMaxBytes, Duration syncInterval) {

    public static final long DEFAULT_SEGMENT_BYTES = 64L * 1024 * 1024;
    public static final long MIN_SEGMENT_BYTES = 4096;
    /** Positions within a segment are 32-bit. */
    public static final long MAX_SEGMENT_BYTES = 1024L * 1024 * 1024;
    public static final Duration DEFAULT_CHECKPOINT_INTERVAL = Duration.ofSeconds(10);
    public static final int DEFAULT_MAX_BATCH = 2000;
    public static final int DEFAULT_MAX_QUEUED_APPENDS = 20_000;
    public static final long DEFAULT_MAX_QUEUED_BYTES = 64L * 1024 * 1024;
    /** Half the JVM's memory limit (direct memory defaults to the heap's maximum): a store in memory's budget. */
    public static final long DEFAULT_MEMORY_MAX_BYTES = Runtime.getRuntime().maxMemory() / 2;
    public static final Duration DEFAULT_SYNC_INTERVAL = Duration.ofMillis(1);
    public static final Duration MAX_SYNC_INTERVAL = Duration.ofMillis(100);

    public EmbeddedStorageConfig {
        requireNonNull(dir, "dir is null");
        requireNonNull(durability, "durability is null");
        requireNonNull(checkpointInterval, "checkpointInterval is null");
        requireNonNull(syncInterval, "syncInterval is null");
        if (segmentBytes < MIN_SEGMENT_BYTES || segmentBytes > MAX_SEGMENT_BYTES) {
            throw ImException.invalidParameter("config segment-bytes must be at least " + MIN_SEGMENT_BYTES
                    + " and at most " + MAX_SEGMENT_BYTES + ", was " + segmentBytes);
        }
        if (checkpointInterval.isNegative() || checkpointInterval.isZero()) {
            throw ImException.invalidParameter("config checkpoint-interval must be positive, was " + checkpointInterval);
        }
        if (maxBatch < 1) {
            throw ImException.invalidParameter("config max-batch must be at least 1, was " + maxBatch);
        }
        if (maxQueuedAppends < 1) {
            throw ImException.invalidParameter("config max-queued-appends must be at least 1, was " + maxQueuedAppends);
        }
        if (maxQueuedBytes < 1024) {
            throw ImException.invalidParameter("config max-queued-bytes must be at least 1024, was " + maxQueuedBytes);
        }
        if (memoryMaxBytes < segmentBytes) {
            throw ImException.invalidParameter("config memory-max-bytes must be at least segment-bytes ("
                    + segmentBytes + "), was " + memoryMaxBytes);
        }
        if (syncInterval.isNegative() || syncInterval.compareTo(MAX_SYNC_INTERVAL) > 0) {
            throw ImException.invalidParameter("config sync-interval must be between 0 and " + MAX_SYNC_INTERVAL.toMillis()
                    + "ms, was " + syncInterval.toNanos() / 1000 + "us");
        }
    }

    /** The given settings with the default admission bounds. */
    public EmbeddedStorageConfig(Path dir, Durability durability, long segmentBytes, Duration checkpointInterval,
            int maxBatch) {
        this(dir, durability, segmentBytes, checkpointInterval, maxBatch, DEFAULT_MAX_QUEUED_APPENDS,
                DEFAULT_MAX_QUEUED_BYTES, Math.max(segmentBytes, DEFAULT_MEMORY_MAX_BYTES), DEFAULT_SYNC_INTERVAL);
    }

    /** The same settings with another durability. */
    public EmbeddedStorageConfig withDurability(Durability other) {
        return new EmbeddedStorageConfig(dir, other, segmentBytes, checkpointInterval, maxBatch, maxQueuedAppends,
                maxQueuedBytes, memoryMaxBytes, syncInterval);
    }

    /** Defaults for everything but the directory. */
    public static EmbeddedStorageConfig defaults(Path dir) {
        return new EmbeddedStorageConfig(dir, Durability.FSYNC, DEFAULT_SEGMENT_BYTES, DEFAULT_CHECKPOINT_INTERVAL,
                DEFAULT_MAX_BATCH);
    }

    /**
     * Reads the provider's subtree ({@code storage.embedded}, keys without prefix); {@code dir} defaults to
     * {@code <data.dir>/storage}, with {@code data.dir} read from the root config.
     */
    public static EmbeddedStorageConfig from(PluginConfig config, PluginConfig rootConfig) {
        Path dir = config.get("dir")
                .map(value -> Path.of(value.trim()))
                .orElseGet(() -> KernelConfig.dataDir(rootConfig).resolve("storage"));
        Durability durability = Durability.parse("durability", config.get("durability", "fsync"));
        long segmentBytes = config.getLong("segment-bytes", DEFAULT_SEGMENT_BYTES);
        Duration interval = config.getDuration("checkpoint-interval", DEFAULT_CHECKPOINT_INTERVAL);
        int maxBatch = config.getInt("max-batch", DEFAULT_MAX_BATCH);
        int maxQueuedAppends = config.getInt("max-queued-appends", DEFAULT_MAX_QUEUED_APPENDS);
        long maxQueuedBytes = config.getLong("max-queued-bytes", DEFAULT_MAX_QUEUED_BYTES);
        long memoryMaxBytes = config.getLong("memory-max-bytes", Math.max(segmentBytes, DEFAULT_MEMORY_MAX_BYTES));
        Duration syncInterval = config.getDuration("sync-interval", DEFAULT_SYNC_INTERVAL);
        return new EmbeddedStorageConfig(dir, durability, segmentBytes, interval, maxBatch, maxQueuedAppends,
                maxQueuedBytes, memoryMaxBytes, syncInterval);
    }
}
