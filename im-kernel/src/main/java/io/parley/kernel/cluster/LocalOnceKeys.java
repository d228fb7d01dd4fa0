package io.parley.kernel.cluster;

import io.parley.api.cluster.SharedOnceKeys;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * {@link SharedOnceKeys} in this node's memory, for a single node (and for a distributed provider that shares none):
 * at most {@code capacity} keys at once. A key is kept until its time runs out, never less: forgetting one early
 * would let its repeat through, so when every place is taken by a key still in its time a new key is refused
 * ({@link Outcome#FULL}) rather than an older one dropped. Expired keys leave in order of expiry as calls come.
 * Thread-safe (one lock; each call costs a hash probe and a heap insertion).
 */
public final class LocalOnceKeys implements SharedOnceKeys {
    private record Expiring(long expiresAtMillis, String key) {
    }

    private final int capacity;
    private final Clock clock;
    private final Set<String> remembered = new HashSet<>();
    private final PriorityQueue<Expiring> byExpiry =
            new PriorityQueue<>((a, b) -> Long.compare(a.expiresAtMillis(), b.expiresAtMillis()));

    public LocalOnceKeys(int capacity, Clock clock) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1: " + capacity);
        }
        this.capacity = capacity;
        this.clock = clock;
    }

    @Override
    public synchronized Outcome rememberOnce(String key, Duration ttl) {
        long now = clock.millis();
        forgetExpired(now);
        if (remembered.contains(key)) {
            return Outcome.REPEATED;
        }
        if (remembered.size() >= capacity) {
            return Outcome.FULL;
        }
        remembered.add(key);
        byExpiry.add(new Expiring(now + Math.min(Math.max(1, ttl.toMillis()), Long.MAX_VALUE - now), key));
        return Outcome.FIRST;
    }

    /** How many keys are remembered now, those whose time ran out since the last call included. */
    public synchronized int size() {
        return remembered.size();
    }

    private void forgetExpired(long now) {
        Expiring oldest;
        while ((oldest = byExpiry.peek()) != null && oldest.expiresAtMillis() <= now) {
            byExpiry.poll();
            remembered.remove(oldest.key());
        }
    }
}
