package io.parley.kernel.dispatch;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs tasks on one of N single-threaded stripes chosen by key, so that all work for one conversation runs
 * in submission order on one thread at a time: ordering without locks. Tasks must not block for long;
 * storage appends are asynchronous for that reason.
 */
public final class StripedExecutor implements AutoCloseable {
    private final ExecutorService[] stripes;

    public StripedExecutor(int count) {
        stripes = new ExecutorService[count];
        AtomicInteger index = new AtomicInteger();
        for (int i = 0; i < count; i++) {
            stripes[i] = Executors.newSingleThreadExecutor(task -> {
                Thread thread = new Thread(task, "parley-stripe-" + index.getAndIncrement());
                thread.setDaemon(true);
                return thread;
            });
        }
    }

    public void execute(String key, Runnable task) {
        stripes[Math.floorMod(key.hashCode(), stripes.length)].execute(task);
    }

    @Override
    public void close() {
        for (ExecutorService stripe : stripes) {
            stripe.shutdown();
        }
        for (ExecutorService stripe : stripes) {
            try {
                stripe.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
