package io.parley.starter.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.api.storage.MetadataStore;
import io.parley.kernel.storage.memory.MemoryStorageProvider;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The console's audit log in a metadata store: newest first, bounded by count and by age. */
class ConsoleAuditLogTest {
    private static final long T0 = 1_765_000_000_000L;
    private final AtomicLong now = new AtomicLong(T0);
    private final MetadataStore metadata = new MemoryStorageProvider().metadata();

    private static ConsoleAuditLog.Entry entry(long time, String action) {
        return new ConsoleAuditLog.Entry(time, "ops", "127.0.0.1", action, "/user/" + action + ".json",
                Map.of("userId", "alice"), "ok");
    }

    @Test
    void entriesReadNewestFirstWithEverythingKept() {
        ConsoleAuditLog log = new ConsoleAuditLog(metadata, 100, Duration.ofDays(30), now::get);
        log.append(entry(T0, "block"));
        log.append(entry(T0 + 1, "unblock"));
        log.append(entry(T0 + 1, "kick")); // the same millisecond: both kept
        List<ConsoleAuditLog.Entry> newest = log.newest(10);
        assertThat(newest).extracting(ConsoleAuditLog.Entry::action).containsExactlyInAnyOrder("unblock", "kick",
                "block");
        assertThat(newest.get(2)).isEqualTo(entry(T0, "block"));
        assertThat(log.newest(1)).hasSize(1);
    }

    @Test
    void pruningDropsWhatIsPastTheRetentionOrPastTheNewestMaxEntries() {
        ConsoleAuditLog log = new ConsoleAuditLog(metadata, 3, Duration.ofDays(30), now::get);
        log.append(entry(T0 - Duration.ofDays(31).toMillis(), "too-old"));
        for (int i = 0; i < 5; i++) {
            log.append(entry(T0 + i, "kick-" + i));
        }
        assertThat(log.prune()).isEqualTo(3);
        assertThat(log.newest(10)).extracting(ConsoleAuditLog.Entry::action).containsExactly("kick-4", "kick-3",
                "kick-2");
        assertThat(log.prune()).isZero();
    }

    @Test
    void writingPrunesEveryFiftyEntries() {
        ConsoleAuditLog log = new ConsoleAuditLog(metadata, 10, Duration.ofDays(30), now::get);
        for (int i = 0; i < ConsoleAuditLog.PRUNE_EVERY; i++) {
            log.append(entry(T0 + i, "kick-" + i));
        }
        assertThat(metadata.scan(ConsoleAuditLog.NAMESPACE, "")).hasSize(10);
    }
}
