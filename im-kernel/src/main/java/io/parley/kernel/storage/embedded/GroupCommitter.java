package io.parley.kernel.storage.embedded;

import io.parley.api.error.ImException;
import io.parley.api.error.StandardErrorCode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single committer thread: takes every waiting {@link PendingWrite} from a FIFO queue, up to
 * {@code maxBatch} at a time, and hands each batch to a {@link BatchHandler} (which writes it with one write
 * and one fsync). {@link #submit} is thread-safe and never blocks; writes submitted by one thread reach the
 * handler in submission order. After {@link #close}, submitted writes fail with {@code STORAGE_UNAVAILABLE}.
 *
 * <p>Admission control: message appends waiting in the queue are bounded, in number and in content bytes. An
 * append past either bound fails at once with {@code SERVER_BUSY} instead of waiting behind the others, so that
 * a flood costs its senders a retry, not everyone a queue of minutes. Other writes (metadata, removals) are few
 * and always admitted.
 */
final class GroupCommitter implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(GroupCommitter.class);
    /** Does the work of one batch, on the committer thread. */
    @FunctionalInterface
    interface BatchHandler {
        /** Writes the batch and hands it on to be made durable; every write's future is completed in the end. */
        void commit(List<PendingWrite> batch);

        /** Whether a write failed and waits to be tried again: then {@link #retry} runs whenever no batch comes. */
        default boolean retrying() {
            return false;
        }

        /** Tries again what failed, while no batch comes, every {@link StorageHealth#RETRY_INTERVAL}. */
        default void retry() {
        }

        /** The committer stops after this: leave the log in order. */
        default void stopped() {
        }
    }

    private final BlockingQueue<PendingWrite> queue = new LinkedBlockingQueue<>();
    private final AtomicInteger queuedAppends = new AtomicInteger();
    private final AtomicLong queuedBytes = new AtomicLong();
    private final int maxQueuedAppends;
    private final long maxQueuedBytes;
    private final Runnable onRefused;
    private final java.util.function.BooleanSupplier full;
    private final int maxBatch;
    private final BatchHandler handler;
    private final Thread thread;
    private volatile boolean closed;

    GroupCommitter(String threadName, int maxBatch, int maxQueuedAppends, long maxQueuedBytes, Runnable onRefused,
            java.util.function.BooleanSupplier full, BatchHandler handler) {
        this.full = full;
        this.maxBatch = maxBatch;
        this.maxQueuedAppends = maxQueuedAppends;
        this.maxQueuedBytes = maxQueuedBytes;
        this.onRefused = onRefused;
        this.handler = handler;
        this.thread = new Thread(this::run, threadName);
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Queues a write; fails it at once if the committer is closed, or an append if the queue is full. */
    void submit(PendingWrite write) {
        if (closed) {
            write.fail(closedException());
            return;
        }
        if (write instanceof PendingWrite.Append append) {
            if (full.getAsBoolean()) {
                onRefused.run();
                write.fail(new ImException(StandardErrorCode.SERVER_BUSY,
                        "the storage is full (storage.embedded.memory-max-bytes); retry later"));
                return;
            }
            int appends = queuedAppends.incrementAndGet();
            long bytes = queuedBytes.addAndGet(append.bytes());
            if (appends > maxQueuedAppends || bytes > maxQueuedBytes) {
                queuedAppends.decrementAndGet();
                queuedBytes.addAndGet(-append.bytes());
                onRefused.run();
                write.fail(new ImException(StandardErrorCode.SERVER_BUSY, "the storage commit queue is full ("
                        + (appends - 1) + " appends waiting); retry later"));
                return;
            }
        }
        queue.add(write);
        if (closed) {
            failQueued();
        }
    }

    private void run() {
        List<PendingWrite> batch = new ArrayList<>();
        boolean stopping = false;
        while (!stopping) {
            try {
                PendingWrite first = handler.retrying()
                        ? queue.poll(StorageHealth.RETRY_INTERVAL.toNanos(), TimeUnit.NANOSECONDS) : queue.take();
                if (first == null) {
                    handler.retry();
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, maxBatch - 1);
                released(batch);
                stopping = batch.removeIf(write -> write instanceof PendingWrite.Stop);
                batch.removeIf(write -> write instanceof PendingWrite.Wake);
                if (!batch.isEmpty()) {
                    handler.commit(batch);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stopping = true;
            } catch (RuntimeException | Error e) {
                log.error("storage committer: a batch failed", e);
                ImException failure = new ImException(StandardErrorCode.STORAGE_UNAVAILABLE,
                        "storage commit failed: " + e, e);
                batch.forEach(write -> write.fail(failure));
            } finally {
                batch.clear();
            }
        }
        try {
            handler.stopped();
        } catch (RuntimeException | Error e) {
            log.error("storage committer: stopping failed", e);
        }
    }

    /** Takes a batch's appends off the admission counts. */
    private void released(List<PendingWrite> batch) {
        int appends = 0;
        long bytes = 0;
        for (PendingWrite write : batch) {
            if (write instanceof PendingWrite.Append append) {
                appends++;
                bytes += append.bytes();
            }
        }
        if (appends > 0) {
            queuedAppends.addAndGet(-appends);
            queuedBytes.addAndGet(-bytes);
        }
    }

    /**
     * Wakes the committer if it waits for writes, so that it sees a failure reported by another thread (a failed
     * fsync) and tries again without waiting for the next write. Any thread.
     */
    void wake() {
        queue.add(new PendingWrite.Wake());
    }

    /** Appends waiting for the committer now. */
    int queuedAppends() {
        return queuedAppends.get();
    }

    /** Whether the queue is at or above {@code fraction} of either bound (readiness reports it). */
    boolean nearlyFull(double fraction) {
        return queuedAppends.get() >= maxQueuedAppends * fraction || queuedBytes.get() >= maxQueuedBytes * fraction;
    }

    private void failQueued() {
        List<PendingWrite> left = new ArrayList<>();
        queue.drainTo(left);
        released(left);
        ImException failure = closedException();
        left.forEach(write -> write.fail(failure));
    }

    private static ImException closedException() {
        return new ImException(StandardErrorCode.STORAGE_UNAVAILABLE, "storage is closed");
    }

    /** Stops taking writes, lets the thread finish the writes queued before, and waits for it. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        queue.add(new PendingWrite.Stop());
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        failQueued();
    }
}
