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
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded store's background thread, off the ack path. In log order it applies the durable non-message
 * records the committer hands it (metadata, deletes, cleans, retention: {@link RecordApplier}) and then completes
 * their writers' futures, so a metadata put returns once it can be read; it writes the index file of each segment
 * the log rolls past; and every {@code checkpoint-interval} it checkpoints: flushes the key table, commits the
 * {@link MetadataIndex} as applied up to where it is, and now and then snapshots the heads, so that a restart
 * replays only the log after that. A slow checkpoint delays metadata writes, never message acks.
 *
 * <p>A task that fails (a full disk) is tried again every {@link StorageHealth#RETRY_INTERVAL}, the tasks behind it
 * waiting in order; meanwhile the store refuses writes and the writers waiting on those tasks are failed at once.
 * When the failure may have left the metadata index's state in memory unknown, it is reopened as of its last commit
 * and the log applied again from there before the retry, as a restart would.
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

    /** The periodic checkpoint (a task only when it failed and waits to be tried again). */
    private record Checkpoint() implements Task {
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
    private final StorageHealth health;
    private final long checkpointNanos;
    private final long headsSnapshotBytes;
    private final BlockingQueue<Task> queue = new LinkedBlockingQueue<>();
    private final Map<MetadataKey, Long> unappliedMetadata = new ConcurrentHashMap<>();
    private final Thread thread;
    private long appliedEnd;
    private long lastCheckpoint = System.nanoTime();
    private long lastHeadsSnapshot;
    /** The task that failed, tried again every retry interval before any other; indexer thread. */
    private Task stalled;
    /** Whether a task failed and waits: the writers of newly queued tasks are failed at once. */
    private volatile boolean stalling;
    /** Whether the metadata index must be reopened before the retry; indexer thread. */
    private boolean metadataSuspect;
    /** Set by {@link #close}: a stalled task is tried once more, then given up. */
    private volatile boolean closing;

    /** A metadata key written to the log but maybe not yet applied to the index, with its latest value. */
    record MetadataKey(String namespace, String key) {
    }

    StoreIndexer(Path dir, MessageLog messageLog, StreamIndex streams, KeyIndex keys, MetadataIndex metadata,
            Removals removals, HeadCounters heads, RecordApplier applier, StorageMetrics metrics, StorageHealth health,
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
        this.health = health;
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

    /** Queues a task; while a task has failed and waits, fails the writers waiting on it at once. */
    private void enqueue(Task task) {
        queue.add(task);
        if (stalling) {
            fail(task, new IOException("the storage index is failing; see the storage's health"));
        }
    }

    /**
     * Notes a metadata write that is in the log but maybe not durable or applied yet, as soon as it is written, so
     * that a restatement built by a later batch reads it. Committer thread.
     */
    void written(MetadataKey key, long offset) {
        unappliedMetadata.put(key, offset);
    }

    /** Forgets a metadata write that was cut from the log again (a failed fsync). Committer thread. */
    void unwritten(MetadataKey key, long offset) {
        unappliedMetadata.remove(key, offset);
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
            if (record instanceof LogRecord.MetadataPut put && key.equals(new MetadataKey(put.namespace(), put.key()))) {
                return Optional.of(put.value());
            }
            if (record instanceof LogRecord.MetadataDeleted deleted
                    && key.equals(new MetadataKey(deleted.namespace(), deleted.key()))) {
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
        boolean triedWhileClosing = false;
        while (!stopping) {
            Task task = stalled;
            try {
                if (task != null) {
                    if (triedWhileClosing) {
                        giveUp();
                        return;
                    }
                    triedWhileClosing = closing;
                    stopping = retry(task);
                    continue;
                }
                task = queue.poll(checkpointNanos / 4 + 1, TimeUnit.NANOSECONDS);
                stopping = perform(task);
                if (!stopping && System.nanoTime() - lastCheckpoint >= checkpointNanos) {
                    task = new Checkpoint();
                    checkpoint(false);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stopping = true;
            } catch (RuntimeException | IOException | Error e) {
                stall(task, e);
            }
        }
    }

    /** Runs a task; true when it tells the thread to stop. */
    private boolean perform(Task task) throws IOException {
        if (task instanceof Apply applyTask) {
            applyAll(applyTask);
        } else if (task instanceof Seal seal) {
            seal(seal);
        } else if (task instanceof CheckpointNow now) {
            checkpoint(true);
            now.done().complete(null);
        } else if (task instanceof Checkpoint) {
            checkpoint(false);
        } else {
            return task instanceof Stop;
        }
        return false;
    }

    /** A task failed: it waits to be tried again, and so do the writers of every task behind it (failed at once). */
    private void stall(Task task, Throwable cause) {
        health.failed(StorageHealth.Part.INDEX, cause);
        metadataSuspect |= metadata.broken() || cause instanceof InternalError;
        if (stalled == null) {
            log.debug("storage: the indexer failed", cause);
            stalled = task == null ? new Checkpoint() : task;
            stalling = true;
            fail(stalled, cause);
            for (Task queued : queue) {
                fail(queued, cause);
            }
        }
    }

    /**
     * After the retry interval (at once when closing), reopens the metadata index if it may be broken, and runs the
     * stalled task again; throws if it fails again. True when the task tells the thread to stop.
     */
    private boolean retry(Task task) throws IOException {
        if (!closing) {
            LockSupport.parkNanos(StorageHealth.RETRY_INTERVAL.toNanos());
        }
        long failuresBefore = health.failures(StorageHealth.Part.INDEX);
        if (metadataSuspect) {
            reopenMetadata();
        }
        boolean stop = perform(task);
        stalled = null;
        stalling = false;
        health.recovered(StorageHealth.Part.INDEX, failuresBefore);
        return stop;
    }

    /**
     * Reopens the metadata index as of its last commit and applies the log's records from there up to where the
     * indexer had applied them (applying a record twice changes nothing more).
     */
    private void reopenMetadata() throws IOException {
        metadata.reopen();
        long from = Math.max(metadata.appliedOffset(), messageLog.startOffset());
        messageLog.replay(from, appliedEnd, (offset, record) -> {
            if (!(record instanceof LogRecord.MessageCommitted)) {
                applier.apply(record, offset);
            }
        });
        metadataSuspect = false;
        log.info("storage: reopened the metadata index as of log offset {} and applied the log again up to {}", from,
                appliedEnd);
    }

    /** Closing with a task still failing: its writers and those of every task behind it fail; nothing is lost. */
    private void giveUp() {
        log.warn("storage: closing while the index cannot be written; the next start applies the log again from the"
                + " last checkpoint");
        IOException cause = new IOException("the store closed while its index could not be written");
        fail(stalled, cause);
        for (Task task; (task = queue.poll()) != null; ) {
            fail(task, cause);
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

    /** Fails whatever waits for {@code task} (the futures it had not completed yet, if it was running). */
    private static void fail(Task task, Throwable cause) {
        ImException failure = new ImException(StandardErrorCode.STORAGE_UNAVAILABLE,
                "the storage index could not be written: " + cause, cause);
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
        closing = true;
        CompletableFuture<Void> done = new CompletableFuture<>();
        queue.add(new CheckpointNow(done));
        queue.add(new Stop());
        LockSupport.unpark(thread);
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (done.isDone() && !done.isCompletedExceptionally() && dir != null) {
            try {
                streams.writePartialFile(messageLog.activeBase(), messageLog.endOffset() - messageLog.activeBase());
            } catch (IOException e) {
                log.warn("storage: cannot write the index of the active segment; the next start replays it", e);
            }
        }
    }
}
