package io.parley.plugin.moderation.users;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parley.plugin.moderation.InMemoryMetadata;
import io.parley.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class BanStoreTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2025-01-01T00:00:00Z"));
    private final InMemoryMetadata metadata = new InMemoryMetadata();

    @Test
    void aBanLiftsByItselfWhenItsMinutesRunOut() {
        BanStore bans = new BanStore(metadata, clock);
        bans.ban("mallory", 1);

        clock.advance(Duration.ofSeconds(59));
        assertThat(bans.bannedUntil("mallory")).contains(Instant.parse("2025-01-01T00:01:00Z"));
        assertThat(bans.bans()).containsOnlyKeys("mallory");

        clock.advance(Duration.ofSeconds(1));
        assertThat(bans.bannedUntil("mallory")).isEmpty();
        assertThat(bans.bans()).isEmpty();
        assertThat(metadata.scan(BanStore.NAMESPACE, "")).as("the expired ban is deleted").isEmpty();
    }

    @Test
    void bansSurviveARestartAndTheSweepDeletesExpiredOnes() {
        BanStore first = new BanStore(metadata, clock);
        first.ban("short", 1);
        first.ban("long", 60);

        BanStore restarted = new BanStore(metadata, clock);
        assertThat(restarted.bans()).containsOnlyKeys("long", "short");

        clock.advance(Duration.ofMinutes(2));
        restarted.sweep();
        assertThat(metadata.scan(BanStore.NAMESPACE, "")).containsOnlyKeys("long");
        assertThat(restarted.bannedUntil("long")).isPresent();

        restarted.unban("long");
        assertThat(new BanStore(metadata, clock).bans()).isEmpty();
    }

    @Test
    void minutesOutsideRongCloudsRangeAreRefused() {
        BanStore bans = new BanStore(metadata, clock);
        assertThatThrownBy(() -> bans.ban("u", 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> bans.ban("u", 43_201)).isInstanceOf(IllegalArgumentException.class);
        assertThat(bans.ban("u", 43_200)).isEqualTo(Instant.parse("2025-01-31T00:00:00Z"));
    }
}
