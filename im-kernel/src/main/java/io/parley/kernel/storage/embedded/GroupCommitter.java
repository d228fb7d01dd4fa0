package io.parley.kernel.storage.embedded;

import io.parley.api.error.ImException;
import io.parley.api.error.StandardErrorCode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single committer thread: takes every waiting {@link PendingWrite} from a FIFO queue, up to
 * {@code maxBatch} at a time, and hands each batch to a {@link BatchHandler} (which writes it with one write
 * and one fsync). {@link #submit} is thread-safe and never blocks; writes submitted by one thread reach the
 * handler in submission order. After {@link #close}, submitted writes fail with {@code STORAGE_UNAVAILABLE}.
 */
final class GroupCommitter implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(GroupCommitter.class);
    private static final long IDLE_TICK_MILLIS = 200;

    /** Does the work of one batch, on the committer thread. */
    interface BatchHandler {
        /** Writes, makes durable and applies the batch, then completes every write's future. */
        void commit(List<PendingWrite> batch);

        /** Called after each batch and when idle, for periodic work such as checkpoints. */
        void tick();
    }

    private final BlockingQueue<PendingWrite> queue = new LinkedBlockingQueue<>();
    private final int maxBatch;
    private final BatchHandler handler;
    private final Thread thread;
    private volatile boolean closed;

    GroupCommitter(String threadName, int maxBatch, BatchHandler handler) {
        this.maxBatch = maxBatch;
        this.handler = handler;
        this.thread = new Thread(this::run, threadName);
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Queues a write; fails it at once if the committer is closed. */
    void submit(PendingWrite write) {
        if (closed) {
            write.fail(closedException());
            return;
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
                PendingWrite first = queue.poll(IDLE_TICK_MILLIS, TimeUnit.MILLISECONDS);
                if (first != null) {
                    batch.add(first);
                    queue.drainTo(batch, maxBatch - 1);
                    stopping = batch.removeIf(write -> write instanceof PendingWrite.Stop);
                    if (!batch.isEmpty()) {
                        handler.commit(batch);
                    }
                }
                handler.tick();
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
    }

    private void failQueued() {
        List<PendingWrite> left = new ArrayList<>();
        queue.drainTo(left);
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
