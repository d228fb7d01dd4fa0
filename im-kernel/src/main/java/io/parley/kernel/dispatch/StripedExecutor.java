package io.parley.kernel.dispatch;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs tasks on one of N single-threaded stripes chosen by key, so that all work for one conversation runs
 * in submission order on one thread at a time: ordering without locks. Tasks must not block for long;
 * storage appends are asynchronous for that reason. Each stripe holds at most {@code maxQueued} waiting tasks
 * ({@code dispatch.max-queued-per-stripe}): a stripe held up (a slow interceptor) refuses more work at once rather
 * than taking the whole in-flight budget, so conversations on the other stripes go on. The queue is a linked one, as
 * an unbounded single-thread executor's is: senders and the stripe's thread take separate locks.
 */
public final class StripedExecutor implements AutoCloseable {
    private final ThreadPoolExecutor[] stripes;
    private final int maxQueued;

    public StripedExecutor(int count, int maxQueued) {
        this.maxQueued = maxQueued;
        stripes = new ThreadPoolExecutor[count];
        AtomicInteger index = new AtomicInteger();
        for (int i = 0; i < count; i++) {
            stripes[i] = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(maxQueued),
                    task -> {
                        Thread thread = new Thread(task, "parley-stripe-" + index.getAndIncrement());
                        thread.setDaemon(true);
                        return thread;
                    });
        }
    }

    /**
     * Runs {@code task} on {@code key}'s stripe, after the tasks queued there before it.
     *
     * @throws RejectedExecutionException when that stripe already holds {@code maxQueued} waiting tasks, or is closed
     */
    public void execute(String key, Runnable task) {
        stripes[Math.floorMod(key.hashCode(), stripes.length)].execute(task);
    }

    /** The most tasks one stripe holds waiting. */
    public int maxQueued() {
        return maxQueued;
    }

    @Override
    public void close() {
        for (ThreadPoolExecutor stripe : stripes) {
            stripe.shutdown();
        }
        for (ThreadPoolExecutor stripe : stripes) {
            try {
                stripe.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
