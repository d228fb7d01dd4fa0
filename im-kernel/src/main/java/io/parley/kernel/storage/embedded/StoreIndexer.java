package io.parley.kernel.storage.embedded;

import io.parley.api.error.ImException;
import io.parley.api.error.StandardErrorCode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded store's background thread, off the ack path. In log order it applies the durable non-message
 * records the committer hands it (metadata, deletes, cleans, retention: {@link RecordApplier}) and then completes
 * their writers' futures, so a metadata put returns once it can be read; it writes the index file of each segment
 * the log rolls past; and every {@code checkpoint-interval} it checkpoints: flushes the key table, commits the
 * {@link MetadataIndex} as applied up to where it is, and now and then snapshots the heads, so that a restart
 * replays only the log after that. A slow checkpoint delays metadata writes, never message acks.
 */
final class StoreIndexer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(StoreIndexer.class);

    private sealed interface Task {
    }

    /** Durable records to apply, with their offsets and the futures of their writers. */
    private record Apply(List<LogRecord> records, long[] offsets, List<CompletableFuture<Long>> futures, long end)
            implements Task {
    }

    /** The log rolled past the segment at {@code base}, which is {@code size} bytes long. */
    private record Seal(long base, long size) implements Task {
    }

    /** Checkpoint now and complete {@code done}. */
    private record CheckpointNow(CompletableFuture<Void> done) implements Task {
    }

    private record Stop() implements Task {
    }

    private final Path dir;
    private final MessageLog messageLog;
    private final StreamIndex streams;
    private final KeyIndex keys;
    private final MetadataIndex metadata;
    private final Removals removals;
    private final HeadCounters heads;
    private final RecordApplier applier;
    private final StorageMetrics metrics;
    private final long checkpointNanos;
    private final long headsSnapshotBytes;
    private final BlockingQueue<Task> queue = new LinkedBlockingQueue<>();
    private final Map<MetadataKey, Long> unappliedMetadata = new ConcurrentHashMap<>();
    private final Thread thread;
    private long appliedEnd;
    private long lastCheckpoint = System.nanoTime();
    private long lastHeadsSnapshot;
    private volatile boolean failed;
    /** Why the thread stopped, once it failed. */
    private volatile Throwable failure;

    /** A metadata key written to the log but maybe not yet applied to the index, with its latest value. */
    record MetadataKey(String namespace, String key) {
    }

    StoreIndexer(Path dir, MessageLog messageLog, StreamIndex streams, KeyIndex keys, MetadataIndex metadata,
            Removals removals, HeadCounters heads, RecordApplier applier, StorageMetrics metrics,
            EmbeddedStorageConfig config, long appliedEnd, long lastHeadsSnapshot) {
        this.dir = dir;
        this.messageLog = messageLog;
        this.streams = streams;
        this.keys = keys;
        this.metadata = metadata;
        this.removals = removals;
        this.heads = heads;
        this.applier = applier;
        this.metrics = metrics;
        this.checkpointNanos = config.checkpointInterval().toNanos();
        this.headsSnapshotBytes = config.segmentBytes() * 4;
        this.appliedEnd = appliedEnd;
        this.lastHeadsSnapshot = lastHeadsSnapshot;
        this.thread = new Thread(this::run, "parley-storage-indexer");
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** True once applying or checkpointing failed: the store then refuses writes. */
    boolean failed() {
        return failed;
    }

    /**
     * Hands over the durable non-message records of one batch (in log order; maybe none) and the offset where the
     * batch ends: every batch is handed over, so that the indexer knows how far the log is applied. Committer
     * thread.
     */
    void apply(List<LogRecord> records, long[] offsets, List<CompletableFuture<Long>> futures, long end) {
        enqueue(new Apply(records, offsets, futures, end));
    }

    /** The log rolled past a segment: write its index file. Committer thread. */
    void sealed(long base, long size) {
        enqueue(new Seal(base, size));
    }

    /** Queues a task; once the thread has stopped on a failure, fails it (and whatever else is queued) at once. */
    private void enqueue(Task task) {
        queue.add(task);
        Throwable cause = failure;
        if (cause != null) {
            failQueued(cause);
        }
    }

    /**
     * Notes a metadata write that is in the log but maybe not durable or applied yet, as soon as it is written, so
     * that a restatement built by a later batch reads it. Committer thread.
     */
    void written(MetadataKey key, long offset) {
        unappliedMetadata.put(key, offset);
    }

    /**
     * The current value of a metadata key as the log has it: applied or not. Empty when deleted or never set.
     * The committer uses it to restate keys before a segment is deleted.
     */
    Optional<String> currentValue(MetadataKey key, Map<MetadataKey, Optional<String>> inBatch) {
        if (inBatch.containsKey(key)) {
            return inBatch.get(key);
        }
        Long pending = unappliedMetadata.get(key);
        if (pending != null) {
            LogRecord record = messageLog.tryRead(pending).orElse(null);
            if (record instanceof LogRecord.MetadataPut put) {
                return Optional.of(put.value());
            }
            if (record instanceof LogRecord.MetadataDeleted) {
                return Optional.empty();
            }
        }
        return Optional.ofNullable(metadata.get(key.namespace(), key.key()));
    }

    /** Checkpoints now and waits (close, tests). */
    void checkpointNow() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        enqueue(new CheckpointNow(done));
        EmbeddedMessageStore.await(done);
    }

    private void run() {
        boolean stopping = false;
        Task task = null;
        while (!stopping) {
            try {
                task = queue.poll(checkpointNanos / 4 + 1, TimeUnit.NANOSECONDS);
                if (task instanceof Apply applyTask) {
                    applyAll(applyTask);
                } else if (task instanceof Seal seal) {
                    seal(seal);
                } else if (task instanceof CheckpointNow now) {
                    checkpoint(true);
                    now.done().complete(null);
                } else if (task instanceof Stop) {
                    stopping = true;
                }
                if (!stopping && System.nanoTime() - lastCheckpoint >= checkpointNanos) {
                    checkpoint(false);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stopping = true;
            } catch (RuntimeException | IOException | Error e) {
                failed = true;
                log.error("storage: the indexer failed; refusing further writes (a restart recovers from the log)", e);
                failure = e;
                fail(task, e);
                failQueued(e);
                stopping = true;
            }
        }
    }

    private void applyAll(Apply task) {
        for (int i = 0; i < task.records().size(); i++) {
            LogRecord record = task.records().get(i);
            long offset = task.offsets()[i];
            long answer = applier.apply(record, offset);
            if (record instanceof LogRecord.MetadataPut put) {
                unappliedMetadata.remove(new MetadataKey(put.namespace(), put.key()), offset);
                answer = offset;
            } else if (record instanceof LogRecord.MetadataDeleted deleted) {
                unappliedMetadata.remove(new MetadataKey(deleted.namespace(), deleted.key()), offset);
                answer = offset;
            }
            CompletableFuture<Long> future = task.futures().get(i);
            if (future != null) {
                future.complete(answer);
            }
        }
        appliedEnd = Math.max(appliedEnd, task.end());
    }

    private void seal(Seal seal) throws IOException {
        if (dir == null) {
            return; // a store in memory keeps its memtables
        }
        long start = System.nanoTime();
        streams.writeFile(seal.base(), seal.size());
        log.debug("storage: indexed segment {} in {} ms", seal.base(), (System.nanoTime() - start) / 1_000_000);
    }

    /**
     * Flushes the key table, snapshots the heads when the log has grown enough since the last snapshot, then
     * commits the metadata index as applied up to {@code appliedEnd} and with keys up to where the flush covered.
     */
    private void checkpoint(boolean snapshotHeads) throws IOException {
        long start = System.nanoTime();
        long keysThrough = keys.force();
        // the readable heads hold every batch below appliedEnd (a batch is handed here after its heads moved), not
        // those written but not yet durable: the snapshot is stamped with the offset it is complete up to
        if (dir != null && (snapshotHeads || appliedEnd - lastHeadsSnapshot >= headsSnapshotBytes)) {
            HeadsSnapshot.write(dir, heads, appliedEnd);
            lastHeadsSnapshot = appliedEnd;
        }
        metadata.storeRemovals(removals);
        metadata.commit(appliedEnd, keysThrough);
        lastCheckpoint = System.nanoTime();
        metrics.checkpointed(lastCheckpoint - start);
    }

    private void failQueued(Throwable cause) {
        for (Task task; (task = queue.poll()) != null; ) {
            fail(task, cause);
        }
    }

    /** Fails whatever waits for {@code task} (the futures it had not completed yet, if it was running). */
    private static void fail(Task task, Throwable cause) {
        ImException failure = new ImException(StandardErrorCode.STORAGE_UNAVAILABLE, "storage indexer failed: " + cause,
                cause);
        if (task instanceof Apply applyTask) {
            applyTask.futures().forEach(future -> {
                if (future != null) {
                    future.completeExceptionally(failure);
                }
            });
        } else if (task instanceof CheckpointNow now) {
            now.done().completeExceptionally(failure);
        }
    }

    /**
     * Finishes what is queued, checkpoints, writes the partial index file of the segment being written (so that
     * the next start replays nothing), and stops the thread. The committer has stopped.
     */
    @Override
    public void close() {
        if (!thread.isAlive()) {
            return;
        }
        if (!failed) {
            CompletableFuture<Void> done = new CompletableFuture<>();
            queue.add(new CheckpointNow(done));
            queue.add(new Stop());
        } else {
            queue.add(new Stop());
        }
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!failed && dir != null) {
            try {
                streams.writePartialFile(messageLog.activeBase(), messageLog.endOffset() - messageLog.activeBase());
            } catch (IOException e) {
                log.warn("storage: cannot write the index of the active segment; the next start replays it", e);
            }
        }
    }
}
