package io.parley.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {
    private static final Duration INITIAL = Duration.ofMillis(200);
    private static final Duration MAX = Duration.ofSeconds(10);

    @Test
    void growsExponentiallyUpToTheCap() {
        Backoff backoff = new Backoff(INITIAL, MAX, () -> 0.999999);
        long previous = 0;
        for (int i = 0; i < 6; i++) {
            long delay = backoff.next().toMillis();
            assertThat(delay).isGreaterThan(previous);
            previous = delay;
        }
        assertThat(previous).isBetween(6300L, 6400L); // 200 * 2^5 = 6400, jitter at its top
        for (int i = 0; i < 50; i++) {
            assertThat(backoff.next()).isLessThanOrEqualTo(MAX);
        }
        assertThat(backoff.next().toMillis()).isGreaterThan(9900);
    }

    @Test
    void jitterStaysWithinHalfToFullOfTheCeiling() {
        Backoff backoff = new Backoff(INITIAL, MAX);
        for (int attempt = 0; attempt < 40; attempt++) {
            long ceiling = backoff.ceiling(attempt);
            long delay = backoff.next().toNanos();
            assertThat(delay).isBetween(ceiling / 2, ceiling);
        }
        Backoff low = new Backoff(INITIAL, MAX, () -> 0.0);
        assertThat(low.next()).isEqualTo(Duration.ofMillis(100));
        Backoff high = new Backoff(INITIAL, MAX, () -> 0.9999999999);
        assertThat(high.next()).isLessThanOrEqualTo(INITIAL);
    }

    @Test
    void jitterSpreadsClientsApart() {
        Backoff backoff = new Backoff(INITIAL, MAX);
        java.util.Set<Long> delays = new java.util.HashSet<>();
        for (int i = 0; i < 20; i++) {
            backoff.reset();
            delays.add(backoff.next().toNanos());
        }
        assertThat(delays).hasSizeGreaterThan(10);
    }

    @Test
    void resetStartsOver() {
        Backoff backoff = new Backoff(INITIAL, MAX, () -> 0.5);
        Duration first = backoff.next();
        backoff.next();
        backoff.next();
        backoff.reset();
        assertThat(backoff.attempts()).isZero();
        assertThat(backoff.next()).isEqualTo(first);
    }

    @Test
    void rejectsBadBounds() {
        assertThatThrownBy(() -> new Backoff(Duration.ZERO, MAX)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Backoff(MAX, INITIAL)).isInstanceOf(IllegalArgumentException.class);
    }
}
