package io.parley.kernel.storage.embedded;

import io.parley.api.error.ImException;
import io.parley.api.error.StandardErrorCode;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
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
 * is no fsync, only the hand-over. If the fsync fails, every batch waiting fails and so does every later one.
 */
final class LogSyncer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LogSyncer.class);

    /** A written batch waiting to be durable. */
    interface Written {
        /** The batch is durable (or, without fsync, written): make it readable and answer it. Syncer thread. */
        void durable();

        /** The fsync failed: nothing of the batch may be acknowledged. Syncer thread. */
        void failed(ImException cause);
    }

    private final MessageLog messageLog;
    private final boolean force;
    private final long intervalNanos;
    private final StorageMetrics metrics;
    private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile boolean failed;
    private static final Object STOP = new Object();

    /** When the last fsync started; syncer thread. */
    private long lastSyncNanos;

    LogSyncer(String threadName, MessageLog messageLog, boolean force, Duration interval, StorageMetrics metrics) {
        this.messageLog = messageLog;
        this.force = force;
        this.intervalNanos = interval.toNanos();
        this.lastSyncNanos = System.nanoTime() - intervalNanos;
        this.metrics = metrics;
        this.thread = new Thread(this::run, threadName);
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    boolean failed() {
        return failed;
    }

    /** Hands over a written batch. Committer thread. */
    void submit(Written written) {
        queue.add(written);
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
                if (ready.isEmpty()) {
                    continue;
                }
                ImException failure = failed ? unavailable(null) : sync();
                for (Object item : ready) {
                    Written written = (Written) item;
                    if (failure == null) {
                        written.durable();
                    } else {
                        written.failed(failure);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stopping = true;
            } catch (RuntimeException | Error e) {
                failed = true;
                log.error("storage: recording durable batches failed; refusing further writes", e);
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

    /** Forces the log; returns the failure, or null. */
    private ImException sync() {
        if (!force) {
            return null;
        }
        long start = System.nanoTime();
        lastSyncNanos = start;
        try {
            messageLog.force();
            metrics.fsynced(System.nanoTime() - start);
            return null;
        } catch (IOException e) {
            failed = true;
            log.error("storage: fsync failed; refusing further writes", e);
            return unavailable(e);
        }
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
