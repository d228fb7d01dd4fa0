package io.parley.api.cluster;

import java.time.Duration;

/**
 * Rate limits counted on every node of a cluster together, for limits that hold per app rather than per node
 * (the server API's per-family limits). Offered by a distributed {@link ClusterProvider}; on a single node a
 * plugin keeps its own in-memory limiter. Thread-safe.
 */
public interface SharedRateLimits {

    /**
     * Takes one call from the window named {@code key}: at most {@code limit} calls in a window of {@code period}
     * that starts with the window's first call, counted across the cluster. Fails open: when the shared store
     * cannot be read it answers true (the provider counts the failure), since refusing every call during an outage
     * would be worse than letting a few too many through. May block briefly on the network.
     */
    boolean tryAcquire(String key, int limit, Duration period);
}
