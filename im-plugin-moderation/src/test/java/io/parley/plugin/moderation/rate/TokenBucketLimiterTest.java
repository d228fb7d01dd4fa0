package io.parley.plugin.moderation.rate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TokenBucketLimiterTest {
    private final AtomicLong nanos = new AtomicLong(1_000_000_000_000L);

    @Test
    void aBurstPassesThenTheRateHolds() {
        TokenBucketLimiter limiter = new TokenBucketLimiter(5, 10, 100, nanos::get);

        for (int i = 0; i < 10; i++) {
            assertThat(limiter.tryAcquire("alice/2")).as("send %d of the burst", i + 1).isTrue();
        }
        assertThat(limiter.tryAcquire("alice/2")).isFalse();
        assertThat(limiter.tryAcquire("bob/2")).as("another client has its own bucket").isTrue();

        nanos.addAndGet(199_000_000);
        assertThat(limiter.tryAcquire("alice/2")).as("0.995 tokens after 199 ms at 5/s").isFalse();
        nanos.addAndGet(2_000_000);
        assertThat(limiter.tryAcquire("alice/2")).isTrue();
        assertThat(limiter.tryAcquire("alice/2")).isFalse();

        nanos.addAndGet(60_000_000_000L);
        int passed = 0;
        while (limiter.tryAcquire("alice/2")) {
            passed++;
        }
        assertThat(passed).as("an idle bucket refills to the burst, no further").isEqualTo(10);
    }

    @Test
    void aMillionDistinctUsersDoNotGrowMemoryBeyondTheCap() {
        TokenBucketLimiter limiter = new TokenBucketLimiter(5, 5, 10_000, nanos::get);

        for (int user = 0; user < 1_000_000; user++) {
            assertThat(limiter.tryAcquire("user-" + user + "/1")).isTrue();
            if (user % 100_000 == 0) {
                assertThat(limiter.trackedKeys()).isLessThanOrEqualTo(10_000);
            }
        }
        assertThat(limiter.trackedKeys()).isLessThanOrEqualTo(10_000).isGreaterThan(9_000);
    }

    @Test
    void theMostRecentlyActiveClientsKeepTheirBuckets() {
        TokenBucketLimiter limiter = new TokenBucketLimiter(1, 1, 6_400, nanos::get);
        assertThat(limiter.tryAcquire("hot")).isTrue();
        for (int user = 0; user < 10_000; user++) {
            limiter.tryAcquire("cold-" + user);
            if (user % 10 == 0) {
                assertThat(limiter.tryAcquire("hot")).as("the hot client stays limited").isFalse();
            }
        }
    }
}
