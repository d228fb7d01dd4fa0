package io.parley.plugin.routing.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.plugin.routing.spi.RoutingEvent;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The outbox's catch-up state: the high-water mark, the recent msgUIDs, their pruning and the skipped repeats. */
class OutboxRecentSetTest {
    @TempDir
    Path dir;

    @Test
    void aNewOutboxHasNoHighWaterMark() {
        try (MapDbOutbox outbox = open(Duration.ofMinutes(5))) {
            assertThat(outbox.recentMessages().messageHighWater()).isEmpty();
            assertThat(outbox.recentMessages().recentCount()).isZero();
        }
    }

    @Test
    void theMarkRisesWithMessagesOnlyAndOldUidsArePrunedBelowTheWindow() throws Exception {
        try (MapDbOutbox outbox = open(Duration.ofMillis(100))) {
            outbox.append(message("a", 1_000));
            outbox.append(message("b", 1_050));
            outbox.append(presence(9_999));
            outbox.flush().get(10, TimeUnit.SECONDS);
            assertThat(outbox.recentMessages().messageHighWater()).hasValue(1_050);
            assertThat(outbox.recentMessages().recentCount()).isEqualTo(2);

            outbox.append(message("c", 1_200));
            outbox.append(message("late", 900));
            outbox.flush().get(10, TimeUnit.SECONDS);
            assertThat(outbox.recentMessages().messageHighWater()).as("a late message does not lower the mark").hasValue(1_200);
            assertThat(outbox.recentMessages().recentlyAppended("a")).as("below 1200 - 100").isFalse();
            assertThat(outbox.recentMessages().recentlyAppended("b")).isFalse();
            assertThat(outbox.recentMessages().recentlyAppended("late")).as("too old for any catch-up to find").isFalse();
            assertThat(outbox.recentMessages().recentlyAppended("c")).isTrue();
            assertThat(outbox.recentMessages().recentCount()).isEqualTo(1);
            assertThat(outbox.scan(0, 10)).extracting(event -> event.field("msgUID"))
                    .containsExactly("a", "b", "", "c", "late");
        }
    }

    @Test
    void aRepeatedMsgUidIsNotQueuedAgainEvenAfterAReopen() throws Exception {
        try (MapDbOutbox outbox = open(Duration.ofMinutes(5))) {
            outbox.append(message("a", 1_000));
            outbox.append(message("a", 1_000));
            outbox.append(message("b", 2_000));
            outbox.flush().get(10, TimeUnit.SECONDS);
            assertThat(outbox.scan(0, 10)).extracting(event -> event.field("msgUID")).containsExactly("a", "b");
            assertThat(outbox.recentMessages().repeatsSkipped()).isEqualTo(1);
            outbox.delivered(outbox.scan(0, 10));
        }
        try (MapDbOutbox outbox = open(Duration.ofMinutes(5))) {
            assertThat(outbox.backlog()).isZero();
            assertThat(outbox.recentMessages().messageHighWater()).hasValue(2_000);
            assertThat(outbox.recentMessages().recentlyAppended("a")).isTrue();
            assertThat(outbox.recentMessages().recentlyAppended("b")).isTrue();
            outbox.append(message("b", 2_000));
            outbox.append(message("c", 3_000));
            outbox.flush().get(10, TimeUnit.SECONDS);
            List<RoutingEvent> queued = outbox.scan(0, 10);
            assertThat(queued).extracting(event -> event.field("msgUID")).containsExactly("c");
            assertThat(outbox.recentMessages().messageHighWater()).hasValue(3_000);
        }
    }

    private MapDbOutbox open(Duration replayWindow) {
        return MapDbOutbox.open(dir.resolve("outbox.mapdb"), Clock.systemUTC(), DeliveryObserver.NONE, replayWindow);
    }

    private static RoutingEvent message(String uid, long sentTime) {
        return new RoutingEvent(0, RoutingEvent.Kind.MESSAGE, "m:1/a:b", sentTime, 0,
                Map.of("msgUID", uid, "msgTimestamp", Long.toString(sentTime)));
    }

    private static RoutingEvent presence(long time) {
        return new RoutingEvent(0, RoutingEvent.Kind.PRESENCE, "p:a", time, 0, Map.of("time", Long.toString(time)));
    }
}
