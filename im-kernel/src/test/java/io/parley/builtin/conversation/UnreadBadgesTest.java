package io.parley.builtin.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.kernel.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class UnreadBadgesTest {

    @Test
    void countsFromStorageOncePerRefreshAndAddsOnePerPushInBetween() {
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        UnreadBadges badges = new UnreadBadges(clock, Duration.ofSeconds(30));
        AtomicInteger counts = new AtomicInteger();
        AtomicInteger stored = new AtomicInteger(5);

        assertThat(badges.next("bob", () -> { counts.incrementAndGet(); return stored.get(); })).isEqualTo(5);
        assertThat(badges.next("bob", () -> { counts.incrementAndGet(); return 99; })).isEqualTo(6);
        assertThat(badges.next("bob", () -> { counts.incrementAndGet(); return 99; })).isEqualTo(7);
        assertThat(badges.next("carol", () -> { counts.incrementAndGet(); return 1; })).isEqualTo(1);
        assertThat(counts).hasValue(2);

        // bob read everything through the server API; the next count after the refresh shows it
        stored.set(1);
        clock.advance(Duration.ofSeconds(30));
        assertThat(badges.next("bob", () -> { counts.incrementAndGet(); return stored.get(); })).isEqualTo(1);
        assertThat(counts).hasValue(3);
    }
}
