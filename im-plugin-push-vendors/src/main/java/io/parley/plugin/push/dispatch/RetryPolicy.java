package io.parley.plugin.push.dispatch;

import java.time.Duration;
import java.util.Optional;

/**
 * When to try a failed send again: after the vendor's {@code Retry-After} when it gave one, else exponential
 * backoff from {@code initial}, doubling each attempt up to {@code max}.
 */
public record RetryPolicy(Duration initial, Duration max) {

    public Duration delay(int attempt, Optional<Duration> retryAfter) {
        if (retryAfter.isPresent()) {
            return retryAfter.get();
        }
        long millis = initial.toMillis() << Math.min(attempt, 20);
        return Duration.ofMillis(Math.min(millis, max.toMillis()));
    }
}
