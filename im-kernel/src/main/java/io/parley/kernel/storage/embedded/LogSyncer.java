package io.parley.kernel.storage.embedded;

import io.parley.api.error.ImException;
import io.parley.api.error.StandardErrorCode;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The second half of group commit, on a thread of its own: the committer writes a batch and hands it here, and goes
 * on preparing and writing the next batch while this thread forces the log; one fsync covers every batch written
 * by then. After the fsync each batch's {@link Written#durable} runs, in write order. So the fsync's wait overlaps
 * the next batch's work instead of adding to it. Under a steady stream an fsync starts no sooner than
 * {@code interval} after the previous one started, so that each covers more batches: an fsync costs tens of
 * microseconds of CPU however little it covers. With {@code force} false (durability {@code commit-no-sync}) there
 * is no fsync, only the hand-over.
 *
 * <p>If an fsync fails (its own, or the one before a roll to a new segment), the system may have dropped what was
 * written since the last good one: every batch waiting fails, and so does every batch handed over later, until the
 * committer asks where to cut the log back to ({@link #awaitRewindPoint}): the end of the last durable batch. From
 * then on batches are forced again, and the first one made durable proves the log works.
 */
final class LogSyncer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LogSyncer.class);
    private static final Object STOP = new Object();

    /** A written batch waiting to be durable. */
    interface Written {
        /** The batch is durable (or, without fsync, written): make it readable and answer it. Syncer thread. */
        void durable();

        /** The fsync failed: nothing of the batch may be acknowledged. Syncer thread. */
        void failed(ImException cause);

        /** The log offset where the batch ends; 0 when it wrote nothing. */
        long end();

        /** The log's failures ({@link StorageHealth#failures}) counted when the batch was written. */
        long failuresBefore();

        /**
         * The batch failed and is cut from the log: give back what it took. Committer thread, newest batch first,
         * before the cut ({@link LogCutBack}).
         */
        default void discard() {
        }
    }

    /**
     * Where the committer cuts the log back to after a failed fsync, and the batches written after that point (all
     * failed), in write order.
     */
    record RewindPoint(long durableEnd, List<Written> discarded) {
    }

    /** The committer's request for the rewind point; answered once every batch handed over before it has failed. */
    private static final class RewindRequest {
        final CompletableFuture<RewindPoint> point = new CompletableFuture<>();
    }

    private final MessageLog messageLog;
    private final boolean force;
    private final long intervalNanos;
    private final StorageMetrics metrics;
    private final StorageHealth health;
    private final Runnable onSyncFailure;
    private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    /** Set by a failed fsync until the committer has asked for the rewind point. */
    private volatile ImException syncFailure;
    /** Set when recording a durable batch failed: the store refuses writes until a restart. */
    private volatile boolean broken;

    /** Syncer thread: when the last fsync started; the end of the last durable batch; fsync failures seen. */
    private long lastSyncNanos;
    private long durableEnd;
    private long seenForceFailures;
    /** Syncer thread: the batches failed since the last rewind point. */
    private final List<Written> discarded = new ArrayList<>();

    /** @param onSyncFailure run after an fsync failed, so that the committer asks for the rewind point soon */
    LogSyncer(String threadName, MessageLog messageLog, boolean force, Duration interval, StorageMetrics metrics,
            StorageHealth health, Runnable onSyncFailure) {
        this.messageLog = messageLog;
        this.force = force;
        this.intervalNanos = interval.toNanos();
        this.lastSyncNanos = System.nanoTime() - intervalNanos;
        this.metrics = metrics;
        this.health = health;
        this.onSyncFailure = onSyncFailure;
        this.durableEnd = messageLog.endOffset();
        this.seenForceFailures = messageLog.forceFailures();
        this.thread = new Thread(this::run, threadName);
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** True once recording a durable batch failed: the store refuses writes until a restart. */
    boolean broken() {
        return broken;
    }

    /** True after a failed fsync, until the committer asks for the rewind point. Any thread; a volatile read. */
    boolean rewindNeeded() {
        return syncFailure != null;
    }

    /** Hands over a written batch. Committer thread. */
    void submit(Written written) {
        queue.add(written);
    }

    /**
     * After a failed fsync: waits until every batch handed over before has failed, and returns where to cut the log
     * back to and what was discarded. Batches handed over after this call are forced again. Committer thread.
     */
    RewindPoint awaitRewindPoint() {
        RewindRequest request = new RewindRequest();
        queue.add(request);
        try {
            return request.point.get(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ImException(StandardErrorCode.STORAGE_UNAVAILABLE, "interrupted while cutting the log back");
        } catch (ExecutionException | TimeoutException e) {
            throw new ImException(StandardErrorCode.STORAGE_UNAVAILABLE, "the syncer did not answer: " + e, e);
        }
    }

    private void run() {
        List<Object> ready = new ArrayList<>();
        boolean stopping = false;
        while (!stopping) {
            try {
                ready.add(queue.take());
                waitOutInterval();
                queue.drainTo(ready);
                stopping = ready.remove(STOP);
                if (!ready.isEmpty()) {
                    process(ready);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stopping = true;
            } catch (RuntimeException | Error e) {
                broken = true;
                health.failed(StorageHealth.Part.LOG, e);
                log.error("storage: recording durable batches failed; refusing further writes until a restart", e);
                ImException failure = unavailable(e);
                for (Object item : ready) {
                    if (item instanceof Written written) {
                        written.failed(failure);
                    }
                }
            } finally {
                ready.clear();
            }
        }
    }

    /**
     * Forces the log once for every batch in {@code ready}, then makes each durable in order; or fails them all. A
     * rewind request is always last: the committer waits for its answer before writing anything more.
     */
    private void process(List<Object> ready) {
        ImException failure = syncFailure;
        Written last = null;
        for (Object item : ready) {
            if (item instanceof Written written) {
                last = written;
            }
        }
        if (failure == null && last != null) {
            failure = sync();
        }
        for (Object item : ready) {
            if (item instanceof Written written) {
                if (failure == null) {
                    written.durable();
                    durableEnd = Math.max(durableEnd, written.end());
                } else {
                    written.failed(failure);
                    discarded.add(written);
                }
            } else if (item instanceof RewindRequest request) {
                request.point.complete(new RewindPoint(durableEnd, List.copyOf(discarded)));
                discarded.clear();
                seenForceFailures = messageLog.forceFailures();
                syncFailure = null;
            }
        }
        if (failure == null && last != null) {
            health.recovered(StorageHealth.Part.LOG, last.failuresBefore());
        }
    }

    /** Lets more batches gather when the previous fsync started less than the interval ago. */
    private void waitOutInterval() {
        if (!force) {
            return;
        }
        long wait;
        while ((wait = lastSyncNanos + intervalNanos - System.nanoTime()) > 0) {
            LockSupport.parkNanos(wait);
        }
    }

    /** Forces the log (unless there is no fsync); returns the failure, or null. */
    private ImException sync() {
        if (force) {
            long start = System.nanoTime();
            lastSyncNanos = start;
            try {
                messageLog.force();
                metrics.fsynced(System.nanoTime() - start);
            } catch (IOException e) {
                return syncFailed(e);
            }
        }
        if (messageLog.forceFailures() != seenForceFailures) {
            return syncFailed(new IOException("an fsync of the message log failed (before a roll to a new segment)"));
        }
        return null;
    }

    private ImException syncFailed(IOException cause) {
        ImException failure = unavailable(cause);
        syncFailure = failure;
        health.failed(StorageHealth.Part.LOG, cause);
        onSyncFailure.run();
        return failure;
    }

    private static ImException unavailable(Throwable cause) {
        return new ImException(StandardErrorCode.STORAGE_UNAVAILABLE,
                "the message log could not be made durable" + (cause == null ? "" : ": " + cause), cause);
    }

    /** Syncs and answers what was handed over, then stops. After the committer stopped. */
    @Override
    public void close() {
        queue.add(STOP);
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
