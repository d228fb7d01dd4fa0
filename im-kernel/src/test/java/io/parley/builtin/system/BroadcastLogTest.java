package io.parley.builtin.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.api.model.ConversationType;
import io.parley.api.storage.RetentionCutoffs;
import io.parley.kernel.storage.memory.MemoryStorageProvider;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BroadcastLogTest {
    private static final long NOW = Duration.ofDays(400).toMillis();
    private static final long DAY = Duration.ofDays(1).toMillis();

    @Test
    void forgetsTheBroadcastsWhoseCopiesExpiredAndKeepsTheOthers() {
        MemoryStorageProvider storage = new MemoryStorageProvider();
        BroadcastLog broadcasts = new BroadcastLog(storage.metadata());
        broadcasts.record("B-old", "news", NOW - 8 * DAY, Map.of("amy", "U-old-amy", "bo", "U-old-bo"));
        broadcasts.record("B-new", "news", NOW - DAY, Map.of("amy", "U-new-amy"));
        // system messages are kept 7 days by default: the 8-day-old broadcast's copies are gone, and so is its record
        RetentionCutoffs cutoffs = new RetentionCutoffs(Map.of(), Map.of(ConversationType.SYSTEM, NOW - 7 * DAY));
        assertThat(broadcasts.expire(cutoffs)).isEqualTo(1);
        assertThat(broadcasts.sender("B-old")).isEmpty();
        assertThat(broadcasts.copies("B-old")).isEmpty();
        assertThat(broadcasts.sender("B-new")).contains("news");
        assertThat(broadcasts.copies("B-new")).containsExactly(Map.entry("amy", "U-new-amy"));
        assertThat(storage.metadata().scan("kernel.broadcasts", "")).as("nothing of B-old is left")
                .allSatisfy((key, value) -> assertThat(key).doesNotContain("B-old"));
        assertThat(broadcasts.expire(cutoffs)).isZero();
    }

    @Test
    void systemMessagesKeptForeverKeepEveryBroadcast() {
        BroadcastLog broadcasts = new BroadcastLog(new MemoryStorageProvider().metadata());
        broadcasts.record("B", "news", 1, Map.of("amy", "U-amy"));
        assertThat(broadcasts.expire(new RetentionCutoffs(Map.of(), Map.of()))).isZero();
        assertThat(broadcasts.sender("B")).contains("news");
    }
}
