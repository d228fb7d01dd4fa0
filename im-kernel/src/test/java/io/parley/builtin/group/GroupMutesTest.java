package io.parley.builtin.group;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.kernel.storage.memory.MemoryStorageProvider;
import io.parley.kernel.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Gags lift by themselves when their minutes run out; group mutes hold until lifted, except for the whitelist. */
class GroupMutesTest {
    private final MemoryStorageProvider storage = new MemoryStorageProvider();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T10:00:00Z"));
    private final GroupMutes mutes = new GroupMutes(storage.metadata(), clock);

    @AfterEach
    void close() {
        storage.close();
    }

    @Test
    void aGagLiftsWhenItsMinutesRunOut() {
        mutes.gag(Optional.of("g"), "ann", 10);
        assertThat(mutes.silenceReason("g", "ann")).isPresent();
        assertThat(mutes.silenceReason("other", "ann")).isEmpty();
        clock.advance(Duration.ofMinutes(9));
        assertThat(mutes.silenceReason("g", "ann")).isPresent();
        assertThat(mutes.gagged(Optional.of("g"))).containsOnlyKeys("ann");
        clock.advance(Duration.ofSeconds(61));
        assertThat(mutes.silenceReason("g", "ann")).isEmpty();
        assertThat(mutes.gagged(Optional.of("g"))).isEmpty();
    }

    @Test
    void aGlobalGagSilencesInEveryGroupUntilItExpires() {
        mutes.gag(Optional.empty(), "bob", 1);
        assertThat(mutes.silenceReason("g1", "bob")).contains("you are gagged in every group");
        assertThat(mutes.silenceReason("g2", "bob")).isPresent();
        clock.advance(Duration.ofSeconds(61));
        assertThat(mutes.silenceReason("g1", "bob")).isEmpty();
    }

    @Test
    void aMutedGroupSilencesAllButItsWhitelist() {
        mutes.ban("g");
        mutes.allowDuringBan("g", List.of("cid"));
        assertThat(mutes.silenceReason("g", "ann")).contains("group g is muted");
        assertThat(mutes.silenceReason("g", "cid")).isEmpty();
        mutes.unban("g");
        assertThat(mutes.silenceReason("g", "ann")).isEmpty();
        assertThat(mutes.bannedGroups()).isEmpty();
    }
}
