package io.parley.client;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * Exponential reconnect backoff with "equal jitter": attempt n waits a random time in
 * {@code [base/2, base]} where {@code base = min(max, initial * 2^n)}, so that many clients dropped at once
 * do not come back at once, and the wait still grows. Not thread-safe: confined to the client's event loop.
 */
final class Backoff {
    private static final int MAX_SHIFT = 30;

    private final long initialNanos;
    private final long maxNanos;
    private final DoubleSupplier random;
    private int attempt;

    Backoff(Duration initial, Duration max) {
        this(initial, max, () -> ThreadLocalRandom.current().nextDouble());
    }

    /** @param random values in {@code [0, 1)} */
    Backoff(Duration initial, Duration max, DoubleSupplier random) {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("need 0 < initial <= max: " + initial + ", " + max);
        }
        this.initialNanos = initial.toNanos();
        this.maxNanos = max.toNanos();
        this.random = random;
    }

    /** The delay before the next attempt; each call counts as one more attempt. */
    Duration next() {
        long base = ceiling(attempt);
        if (attempt < MAX_SHIFT) {
            attempt++;
        }
        long half = base / 2;
        long jitter = (long) (random.getAsDouble() * (base - half));
        return Duration.ofNanos(half + Math.min(jitter, base - half));
    }

    /** The largest delay {@link #next()} can return for the given attempt (0-based). */
    long ceiling(int attemptIndex) {
        int shift = Math.min(attemptIndex, MAX_SHIFT);
        long base = initialNanos;
        for (int i = 0; i < shift && base < maxNanos; i++) {
            base = base > Long.MAX_VALUE / 2 ? Long.MAX_VALUE : base * 2;
        }
        return Math.min(base, maxNanos);
    }

    /** After a successful connection: the next failure starts from the initial delay again. */
    void reset() {
        attempt = 0;
    }

    int attempts() {
        return attempt;
    }
}
