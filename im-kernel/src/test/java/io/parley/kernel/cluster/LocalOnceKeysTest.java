package io.parley.kernel.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.api.cluster.SharedOnceKeys.Outcome;
import io.parley.kernel.testing.MutableClock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LocalOnceKeysTest {
    private final MutableClock clock = new MutableClock(1_700_000_000_000L);

    @Test
    void aKeyIsRememberedOnceUntilItsTimeRunsOut() {
        LocalOnceKeys keys = new LocalOnceKeys(10, clock);

        assertThat(keys.rememberOnce("a", Duration.ofSeconds(5))).isEqualTo(Outcome.FIRST);
        clock.advance(Duration.ofMillis(4_999));
        assertThat(keys.rememberOnce("a", Duration.ofSeconds(5))).as("a repeat within its time")
                .isEqualTo(Outcome.REPEATED);
        clock.advance(Duration.ofMillis(1));
        assertThat(keys.rememberOnce("a", Duration.ofSeconds(5))).as("its time has run out")
                .isEqualTo(Outcome.FIRST);
    }

    @Test
    void aFullStoreRefusesNewKeysAndForgetsNoneEarly() {
        LocalOnceKeys keys = new LocalOnceKeys(3, clock);
        keys.rememberOnce("a", Duration.ofSeconds(10));
        keys.rememberOnce("b", Duration.ofSeconds(10));
        keys.rememberOnce("c", Duration.ofSeconds(10));

        assertThat(keys.rememberOnce("d", Duration.ofSeconds(10))).isEqualTo(Outcome.FULL);
        assertThat(keys.rememberOnce("a", Duration.ofSeconds(10))).as("still remembered, not dropped for d")
                .isEqualTo(Outcome.REPEATED);
        assertThat(keys.rememberOnce("b", Duration.ofSeconds(10))).isEqualTo(Outcome.REPEATED);
        assertThat(keys.rememberOnce("c", Duration.ofSeconds(10))).isEqualTo(Outcome.REPEATED);
        assertThat(keys.size()).isEqualTo(3);

        clock.advance(Duration.ofSeconds(10));
        assertThat(keys.rememberOnce("d", Duration.ofSeconds(10))).as("room again once the others expired")
                .isEqualTo(Outcome.FIRST);
        assertThat(keys.size()).isEqualTo(1);
    }

    @Test
    void keysLeaveInOrderOfExpiryNotOfArrival() {
        LocalOnceKeys keys = new LocalOnceKeys(2, clock);
        keys.rememberOnce("long", Duration.ofMinutes(10));
        keys.rememberOnce("short", Duration.ofSeconds(1));

        clock.advance(Duration.ofSeconds(1));

        assertThat(keys.rememberOnce("new", Duration.ofMinutes(10))).as("the short one made room")
                .isEqualTo(Outcome.FIRST);
        assertThat(keys.rememberOnce("long", Duration.ofMinutes(10))).as("the older, longer one is still kept")
                .isEqualTo(Outcome.REPEATED);
    }

    @Test
    void aFloodOfDistinctKeysNeverHoldsMoreThanTheCapacity() {
        int capacity = 1_000;
        LocalOnceKeys keys = new LocalOnceKeys(capacity, clock);
        Map<Outcome, Integer> outcomes = new EnumMap<>(Outcome.class);

        for (int i = 0; i < 100_000; i++) {
            outcomes.merge(keys.rememberOnce("flood-" + i, Duration.ofMinutes(10)), 1, Integer::sum);
            if (i % 100 == 0) {
                clock.advance(Duration.ofMillis(1));
            }
        }

        assertThat(keys.size()).isEqualTo(capacity);
        assertThat(outcomes).containsEntry(Outcome.FIRST, capacity).containsEntry(Outcome.FULL, 100_000 - capacity);
        assertThat(keys.rememberOnce("flood-0", Duration.ofMinutes(10))).as("the first keys are kept")
                .isEqualTo(Outcome.REPEATED);
    }
}
