package io.parley.kernel.statistics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.parley.api.error.ImException;
import io.parley.api.error.StandardErrorCode;
import io.parley.api.model.ConversationType;
import io.parley.kernel.storage.embedded.EmbeddedStorageConfig;
import io.parley.kernel.storage.embedded.EmbeddedStorageProvider;
import io.parley.kernel.testing.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two nodes counting into one store (the embedded storage in a temp folder, as several nodes share one storage), each
 * with its own recorder and flusher: their figures add up and never overwrite each other, a user on both nodes is
 * active and new once, and figures past the retention are pruned, as are the active-user markers of past periods.
 */
class StatisticsFlusherTest {
    private static final Instant T0 = Instant.parse("2026-03-10T10:15:00Z");

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(T0);
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private EmbeddedStorageProvider storage;
    private StatisticsStore store;

    @BeforeEach
    void open() {
        storage = new EmbeddedStorageProvider(EmbeddedStorageConfig.defaults(dir));
        store = new StatisticsStore(storage.metadata());
    }

    @AfterEach
    void close() {
        scheduler.shutdownNow();
        storage.close();
    }

    @Test
    void twoNodesCountsAddUpAndAUserOnBothCountsOnce() {
        Node a = new Node("a");
        Node b = new Node("b");
        a.recorder.messageCommitted(ConversationType.PRIVATE, "RC:TxtMsg");
        a.recorder.messageCommitted(ConversationType.PRIVATE, "RC:TxtMsg");
        b.recorder.messageCommitted(ConversationType.GROUP, "RC:TxtMsg");
        b.recorder.messageCommitted(ConversationType.GROUP, "RC:RcCmd");
        a.recorder.sendRefused(new ImException(StandardErrorCode.SEND_FREQUENCY_TOO_FAST, "slow down"));
        b.recorder.sendRefused(new ImException(StandardErrorCode.SEND_FREQUENCY_TOO_FAST, "slow down"));
        a.recorder.apiCall("/user/getToken.json", 200);
        b.recorder.apiCall("/user/getToken.json", 200);
        a.recorder.tokenIssued("u1");
        b.recorder.tokenIssued("u1");
        a.recorder.opened("u1");
        a.recorder.opened("u2");
        b.recorder.opened("u1");
        a.recorder.closed("u2");
        a.flusher.flush();
        b.flusher.flush();
        // the second flush of a node adds to its row
        a.recorder.messageCommitted(ConversationType.PRIVATE, "RC:ImgMsg");
        a.flusher.flush();

        Figures hour = only(store.query(Granularity.HOUR, T0.toEpochMilli(), T0.toEpochMilli() + 1));
        assertThat(hour.get(Figures.MESSAGES)).isEqualTo(5);
        assertThat(hour.breakdown(Figures.BY_CONVERSATION_TYPE)).containsEntry("PRIVATE", 3L).containsEntry("GROUP", 2L);
        assertThat(hour.breakdown(Figures.BY_MESSAGE_TYPE)).containsEntry("RC:TxtMsg", 3L)
                .containsEntry("RC:RcCmd", 1L).containsEntry("RC:ImgMsg", 1L);
        assertThat(hour.get(Figures.RECALLS)).isEqualTo(1);
        assertThat(hour.breakdown(Figures.REFUSALS_BY_CODE)).containsEntry("20604", 2L);
        assertThat(hour.get(Figures.REFUSALS)).isEqualTo(2);
        assertThat(hour.breakdown(Figures.API_CALLS)).containsEntry("/user/getToken.json:200", 2L);
        assertThat(hour.get(Figures.ACTIVE_USERS)).isEqualTo(2);
        assertThat(hour.get(Figures.NEW_USERS)).isEqualTo(1);
        assertThat(hour.get(Figures.PEAK_CONNECTIONS)).as("a's peak of 2 and b's of 1").isEqualTo(3);
        Figures day = only(store.query(Granularity.DAY, T0.toEpochMilli(), T0.toEpochMilli() + 1));
        assertThat(day.get(Figures.MESSAGES)).isEqualTo(5);
        assertThat(day.get(Figures.ACTIVE_USERS)).isEqualTo(2);

        // the next hour: u1 is active again that hour, not again that day
        clock.advance(Duration.ofHours(1));
        b.recorder.opened("u1");
        b.flusher.flush();
        List<StatisticsStore.Period> hours = store.query(Granularity.HOUR, T0.toEpochMilli(),
                clock.millis() + 1);
        assertThat(hours).hasSize(2);
        assertThat(hours.get(1).figures().get(Figures.ACTIVE_USERS)).isEqualTo(1);
        assertThat(hours.get(1).figures().get(Figures.PEAK_CONNECTIONS)).as("b's two sessions").isEqualTo(2);
        assertThat(only(store.query(Granularity.DAY, T0.toEpochMilli(), T0.toEpochMilli() + 1))
                .get(Figures.ACTIVE_USERS)).isEqualTo(2);
    }

    @Test
    void deliveriesAndPushesAreTheMetersGrowthBetweenFlushes() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Counter deliver = Counter.builder("im.frames.out").tag("command", "DELIVER").register(registry);
        Counter apns = Counter.builder("im.push.delivered").tag("vendor", "apns").register(registry);
        Counter dead = Counter.builder("im.push.failed").tag("vendor", "fcm").tag("kind", "dead-token")
                .register(registry);
        Node node = new Node("local", registry);
        deliver.increment(5);
        apns.increment(2);
        node.flusher.flush();
        deliver.increment(3);
        dead.increment();
        node.flusher.flush();

        Figures hour = only(store.query(Granularity.HOUR, T0.toEpochMilli(), T0.toEpochMilli() + 1));
        assertThat(hour.get(Figures.DELIVERIES)).isEqualTo(8);
        assertThat(hour.breakdown(Figures.PUSHES)).containsEntry("apns/delivered", 2L)
                .containsEntry("fcm/failed-dead-token", 1L);
    }

    @Test
    void figuresOlderThanTheRetentionArePruned() {
        Node node = new Node("local");
        node.recorder.messageCommitted(ConversationType.PRIVATE, "RC:TxtMsg");
        node.recorder.opened("u1");
        node.flusher.flush();
        clock.advance(Duration.ofDays(5));
        node.recorder.messageCommitted(ConversationType.PRIVATE, "RC:TxtMsg");
        node.flusher.flush();
        long from = T0.toEpochMilli();

        clock.advance(Duration.ofDays(88));
        node.flusher.flush();

        List<StatisticsStore.Period> days = store.query(Granularity.DAY, from, clock.millis() + 1);
        assertThat(days.get(0).figures().isEmpty()).as("93 days old: pruned").isTrue();
        assertThat(days.get(5).figures().get(Figures.MESSAGES)).as("88 days old: kept").isEqualTo(1);
        assertThat(storage.metadata().scan(StatisticsStore.NAMESPACE, "active:")).isEmpty();
        assertThat(storage.metadata().scan(StatisticsStore.NAMESPACE, "h:" + Granularity.HOUR.name(from))).isEmpty();
    }

    @Test
    void activeUserMarkersGoOnceTheirPeriodIsOverAndTheCountsStay() {
        Node node = new Node("local");
        node.recorder.opened("u1");
        node.flusher.flush();
        assertThat(storage.metadata().scan(StatisticsStore.NAMESPACE, "active:h:")).hasSize(1);

        clock.advance(Duration.ofHours(2));
        node.flusher.flush();

        assertThat(storage.metadata().scan(StatisticsStore.NAMESPACE, "active:h:")).as("10:00 is over").isEmpty();
        assertThat(storage.metadata().scan(StatisticsStore.NAMESPACE, "active:d:")).as("today is not").hasSize(1);
        assertThat(only(store.query(Granularity.HOUR, T0.toEpochMilli(), T0.toEpochMilli() + 1))
                .get(Figures.ACTIVE_USERS)).isEqualTo(1);
    }

    private static Figures only(List<StatisticsStore.Period> periods) {
        assertThat(periods).hasSize(1);
        return periods.get(0).figures();
    }

    private final class Node {
        final StatisticsRecorder recorder = new StatisticsRecorder();
        final StatisticsFlusher flusher;

        Node(String name) {
            this(name, new SimpleMeterRegistry());
        }

        Node(String name, SimpleMeterRegistry registry) {
            flusher = new StatisticsFlusher(recorder, store, registry, scheduler, clock,
                    new StatisticsConfig(90, Duration.ofMinutes(1)), name);
        }
    }
}
