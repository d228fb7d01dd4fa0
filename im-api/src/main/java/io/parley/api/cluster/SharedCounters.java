package io.parley.api.cluster;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Counters shared by every node of a cluster, for numbers that must be one sequence across nodes (a chatroom's
 * seq). Offered by a distributed {@link ClusterProvider}; on a single node a plugin counts in its own memory.
 * Unlike {@link SharedRateLimits} these do not fail open: a caller that cannot get a number must refuse its work.
 * Thread-safe.
 */
public interface SharedCounters {

    /**
     * Adds one to the counter named {@code key} and returns its new value (1 for a counter never used). May block
     * briefly on the network.
     *
     * @throws IllegalStateException when the shared store cannot be reached
     */
    long incrementAndGet(String key);

    /**
     * {@link #incrementAndGet} without waiting: the stage completes with the new value, or fails with an
     * {@link IllegalStateException} when the shared store cannot be reached. Calls made one after the other on one
     * thread are applied in that order. The default calls {@link #incrementAndGet} on the caller's thread.
     */
    default CompletionStage<Long> incrementAndGetAsync(String key) {
        try {
            return CompletableFuture.completedFuture(incrementAndGet(key));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /**
     * The counter's value now (0 for a counter never used). May block briefly on the network.
     *
     * @throws IllegalStateException when the shared store cannot be reached
     */
    long get(String key);
}
