package io.parley.kernel.dispatch;

import io.parley.api.error.ImException;
import io.parley.api.error.StandardErrorCode;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A bounded pool for work that may block: SYNC reads, CONNECT checks, server-API routes, plugin commands.
 * When its queue is full the work is refused at once with {@code SERVER_UNAVAILABLE}, so that a flood
 * slows only the flooder, never the event loops.
 */
public final class WorkerPool implements AutoCloseable {
    private final ThreadPoolExecutor executor;

    public WorkerPool(int threads, int queueSize) {
        AtomicInteger index = new AtomicInteger();
        executor = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(queueSize),
                task -> {
                    Thread thread = new Thread(task, "parley-worker-" + index.getAndIncrement());
                    thread.setDaemon(true);
                    return thread;
                });
    }

    /**
     * Starts every worker thread now, at startup, so that an event loop handing work here never starts one (a thread
     * start is a system call and a lock); the threads then live as long as the pool.
     */
    public void prestart() {
        executor.prestartAllCoreThreads();
    }

    /** Runs {@code work} on a worker; the future fails with SERVER_UNAVAILABLE if the pool is saturated. */
    public <T> CompletableFuture<T> submit(Supplier<T> work) {
        try {
            return CompletableFuture.supplyAsync(work, executor);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.failedFuture(
                    new ImException(StandardErrorCode.SERVER_UNAVAILABLE, "the server is busy; retry later"));
        }
    }

    @Override
    public void close() {
        executor.shutdown();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
