package io.parley.plugin.routing.outbox;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with full jitter: attempt {@code n} (1-based) waits a uniformly random time in
 * {@code [initial/2, min(max, initial * 2^(n-1))]}. The lower bound of half the initial delay keeps a failing
 * receiver from being hit in a tight loop; the randomness spreads retries of many conversations apart.
 * Immutable and thread-safe.
 */
public record Backoff(Duration initial, Duration max) {

    public Backoff {
        if (initial.isNegative() || initial.isZero()) {
            throw new IllegalArgumentException("initial must be positive");
        }
        if (max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("max must be at least initial");
        }
    }

    /** The upper bound of the wait before retry number {@code attempt} (1-based). */
    public long ceilingMillis(int attempt) {
        long ceiling = initial.toMillis();
        for (int i = 1; i < attempt && ceiling < max.toMillis(); i++) {
            ceiling *= 2;
        }
        return Math.min(ceiling, max.toMillis());
    }

    /** A random wait before retry number {@code attempt}, in milliseconds. */
    public long delayMillis(int attempt) {
        long ceiling = ceilingMillis(attempt);
        long floor = Math.min(initial.toMillis() / 2, ceiling);
        return floor + ThreadLocalRandom.current().nextLong(ceiling - floor + 1);
    }
}
