package io.parley.kernel.dispatch;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs work on one of N single-threaded stripes chosen by key, so that all work for one conversation runs in
 * submission order, one step at a time: ordering without locks. Work must not block; it may instead wait for an
 * answer ({@link StripeWork}: an asynchronous interceptor, a network call): the key is then held, its later work
 * parked in order behind it, while the stripe's thread goes on with other keys; when the answer comes, the work's next
 * step runs on the stripe, then the parked work.
 *
 * <p>Two bounds, each refusing at once rather than queueing without end: a stripe holds at most
 * {@code maxQueuedPerStripe} tasks waiting for its thread ({@code dispatch.max-queued-per-stripe}), and a held key at
 * most {@code maxWaitingPerKey} parked behind it ({@code dispatch.max-waiting-per-conversation}). The parked work of a
 * key lives in a map that only the stripe's thread touches; the fast path (no key held on the stripe) costs one
 * emptiness check.
 */
public final class StripedExecutor implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(StripedExecutor.class);

    private final Stripe[] stripes;
    private final int maxQueuedPerStripe;
    private final int maxWaitingPerKey;

    public StripedExecutor(int count, int maxQueuedPerStripe, int maxWaitingPerKey) {
        this.maxQueuedPerStripe = maxQueuedPerStripe;
        this.maxWaitingPerKey = maxWaitingPerKey;
        stripes = new Stripe[count];
        AtomicInteger index = new AtomicInteger();
        for (int i = 0; i < count; i++) {
            stripes[i] = new Stripe(new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
                    task -> {
                        Thread thread = new Thread(task, "parley-stripe-" + index.getAndIncrement());
                        thread.setDaemon(true);
                        return thread;
                    }));
        }
    }

    /**
     * Runs {@code work} on {@code key}'s stripe, after the work submitted for the key before it (including the later
     * steps of work that waits for an answer). When the stripe already has {@code maxQueuedPerStripe} tasks waiting
     * for its thread (at once), or the key is held with {@code maxWaitingPerKey} parked behind it (on the stripe),
     * or the executor is closed, {@code work} does not run and {@link KeyedWork#notRun} gets the reason instead.
     */
    public void execute(String key, KeyedWork work) {
        Stripe stripe = stripes[Math.floorMod(key.hashCode(), stripes.length)];
        if (stripe.queued.incrementAndGet() > maxQueuedPerStripe) {
            stripe.queued.decrementAndGet();
            work.notRun("the conversation's stripe has " + maxQueuedPerStripe
                    + " messages waiting (dispatch.max-queued-per-stripe)");
            return;
        }
        try {
            stripe.executor.execute(() -> {
                stripe.queued.decrementAndGet();
                stripe.arrive(key, work);
            });
        } catch (RejectedExecutionException e) {
            stripe.queued.decrementAndGet();
            work.notRun("the server is stopping");
        }
    }

    /** Starts every stripe's thread now, at startup, so that an event loop handing it work never starts one. */
    public void prestart() {
        for (Stripe stripe : stripes) {
            stripe.executor.prestartCoreThread();
        }
    }

    /** The most tasks one stripe holds waiting for its thread. */
    public int maxQueuedPerStripe() {
        return maxQueuedPerStripe;
    }

    @Override
    public void close() {
        for (Stripe stripe : stripes) {
            stripe.executor.shutdown();
        }
        for (Stripe stripe : stripes) {
            try {
                stripe.executor.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** One thread, its queue, and the keys held on it (touched by that thread only). */
    private final class Stripe {
        final ThreadPoolExecutor executor;
        final AtomicInteger queued = new AtomicInteger();
        /** Keys whose work waits for an answer, with the work parked behind it. Stripe thread only. */
        final Map<String, ArrayDeque<StripeWork>> held = new HashMap<>();

        Stripe(ThreadPoolExecutor executor) {
            this.executor = executor;
        }

        void arrive(String key, KeyedWork work) {
            ArrayDeque<StripeWork> parked = held.isEmpty() ? null : held.get(key);
            if (parked == null) {
                step(key, work);
            } else if (parked.size() >= maxWaitingPerKey) {
                work.notRun("the conversation has " + maxWaitingPerKey
                        + " messages waiting behind one whose check has not answered"
                        + " (dispatch.max-waiting-per-conversation)");
            } else {
                parked.addLast(work);
            }
        }

        /** Runs a step of the key's work; when it waits, holds the key until its next step comes back here. */
        private void step(String key, StripeWork work) {
            CompletionStage<StripeWork> later = run(key, work);
            if (later == null) {
                release(key);
            } else {
                held.putIfAbsent(key, new ArrayDeque<>());
                awaitNext(key, later);
            }
        }

        /** The key's current work is finished: runs what was parked behind it, until one of those waits in turn. */
        private void release(String key) {
            ArrayDeque<StripeWork> parked = held.isEmpty() ? null : held.remove(key);
            while (parked != null && !parked.isEmpty()) {
                CompletionStage<StripeWork> later = run(key, parked.pollFirst());
                if (later != null) {
                    held.put(key, parked);
                    awaitNext(key, later);
                    return;
                }
            }
        }

        /** Runs the work, and its next steps at once while they are already there; what it still waits for, or null. */
        private CompletionStage<StripeWork> run(String key, StripeWork work) {
            try {
                StripeWork current = work;
                while (true) {
                    CompletionStage<StripeWork> later = current.run();
                    if (!(later instanceof CompletableFuture<StripeWork> answered) || !answered.isDone()
                            || answered.isCompletedExceptionally()) {
                        return later;
                    }
                    current = answered.join();
                    if (current == null) {
                        return null;
                    }
                }
            } catch (RuntimeException e) {
                log.error("work for {} failed", key, e);
                return null;
            }
        }

        /** When {@code later} completes, its next step runs on this stripe (or, if it failed, the key is released). */
        private void awaitNext(String key, CompletionStage<StripeWork> later) {
            later.whenComplete((next, failure) -> {
                try {
                    executor.execute(() -> {
                        if (failure != null) {
                            log.error("work for {} failed while waiting", key, failure);
                        }
                        if (next != null && failure == null) {
                            step(key, next);
                        } else {
                            release(key);
                        }
                    });
                } catch (RejectedExecutionException stopping) {
                    log.debug("stopping: the next step of {} is dropped", key);
                }
            });
        }
    }
}
