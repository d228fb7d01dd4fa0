package io.parley.api.cluster;

import java.time.Duration;

/**
 * Keys each remembered once for a while, by every node of a cluster together: what lets any node refuse a request
 * that some node already served (the server API's nonces). A set-if-absent with an expiry. Offered by a distributed
 * {@link ClusterProvider}; on a single node the kernel remembers the keys in its own memory. Unlike
 * {@link SharedRateLimits} this does not fail open: a caller that cannot remember a key must refuse its work, or a
 * repeat could pass. Thread-safe.
 */
public interface SharedOnceKeys {

    /** What {@link #rememberOnce} found. */
    enum Outcome {
        /** The key was not remembered: it is now, for the given time. */
        FIRST,
        /** The key is remembered already and its time has not run out: a repeat. Nothing changed. */
        REPEATED,
        /** The store holds as many keys as it may: nothing was remembered, and the caller must refuse its work. */
        FULL
    }

    /**
     * Remembers {@code key} for {@code ttl} unless it is remembered already; a key is never forgotten before its
     * time has run out. Called on a worker thread; may block briefly on the network, so never on an event loop.
     *
     * @throws IllegalStateException when the shared store cannot be reached
     */
    Outcome rememberOnce(String key, Duration ttl);
}
