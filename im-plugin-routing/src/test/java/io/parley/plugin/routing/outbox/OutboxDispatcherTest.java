package io.parley.plugin.routing.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parley.plugin.routing.spi.RoutingEvent;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The outbox and its dispatcher without a server: bounded memory, order per key, nothing lost, reopen. */
class OutboxDispatcherTest {
    private static final int EVENTS = 20_000;
    private static final int KEYS = 2_000;
    private static final int MAX_IN_MEMORY = 500;

    @TempDir
    Path dir;

    @Test
    void aLongBacklogStaysBoundedInMemoryAndDrainsInOrderPerKeyOnceTheSinkRecovers() throws Exception {
        RecordingSink sink = new RecordingSink();
        sink.goDown();
        try (MapDbOutbox outbox = MapDbOutbox.open(dir.resolve("outbox.mapdb"), Clock.systemUTC(), DeliveryObserver.NONE);
                OutboxDispatcher dispatcher = new OutboxDispatcher(outbox, sink,
                        new Backoff(Duration.ofMillis(20), Duration.ofMillis(100)), Duration.ofHours(1), 1,
                        MAX_IN_MEMORY, 4, Clock.systemUTC(), DeliveryObserver.NONE)) {
            dispatcher.start();
            long started = System.nanoTime();
            for (int i = 0; i < EVENTS; i++) {
                outbox.append(event("m:1/conv-" + (i % KEYS), i));
            }
            outbox.flush().get(30, TimeUnit.SECONDS);
            long appendMillis = Math.max(1, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
            System.out.printf("outbox: %d durable appends in %d ms (%d/s)%n", EVENTS, appendMillis,
                    EVENTS * 1000L / appendMillis);

            assertThat(outbox.backlog()).isEqualTo(EVENTS);
            await().atMost(Duration.ofSeconds(10)).until(() -> sink.attempts() > 2 * MAX_IN_MEMORY);
            assertThat(dispatcher.peakHeldInMemory()).isPositive().isLessThanOrEqualTo(MAX_IN_MEMORY);
            assertThat(sink.accepted()).isZero();

            started = System.nanoTime();
            sink.comeBack();
            await().atMost(Duration.ofSeconds(40)).until(() -> sink.accepted() >= EVENTS && outbox.backlog() == 0);
            long deliverMillis = Math.max(1, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
            System.out.printf("dispatcher: %d deliveries in %d ms (%d/s), peak in memory %d%n", EVENTS, deliverMillis,
                    EVENTS * 1000L / deliverMillis, dispatcher.peakHeldInMemory());

            assertThat(dispatcher.peakHeldInMemory()).isLessThanOrEqualTo(MAX_IN_MEMORY);
            Map<String, List<RoutingEvent>> byKey = sink.acceptedByKey();
            assertThat(byKey).hasSize(KEYS);
            Set<String> seen = new HashSet<>();
            byKey.forEach((key, events) -> {
                List<Long> order = events.stream().map(event -> Long.parseLong(event.field("n"))).toList();
                assertThat(order).as("order of %s", key).isSorted().doesNotHaveDuplicates();
                events.forEach(event -> seen.add(event.field("n")));
            });
            assertThat(seen).hasSize(EVENTS);
        }
    }

    @Test
    void whatIsLeftInTheOutboxIsDeliveredAfterAReopen() throws Exception {
        Path file = dir.resolve("outbox.mapdb");
        try (MapDbOutbox outbox = MapDbOutbox.open(file, Clock.systemUTC(), DeliveryObserver.NONE)) {
            for (int i = 0; i < 100; i++) {
                outbox.append(event("p:user-" + (i % 3), i));
            }
            outbox.flush().get(10, TimeUnit.SECONDS);
        }
        RecordingSink sink = new RecordingSink();
        try (MapDbOutbox outbox = MapDbOutbox.open(file, Clock.systemUTC(), DeliveryObserver.NONE);
                OutboxDispatcher dispatcher = new OutboxDispatcher(outbox, sink,
                        new Backoff(Duration.ofMillis(20), Duration.ofMillis(100)), Duration.ofHours(1), 10, 100, 2,
                        Clock.systemUTC(), DeliveryObserver.NONE)) {
            assertThat(outbox.backlog()).isEqualTo(100);
            dispatcher.start();
            await().atMost(Duration.ofSeconds(10)).until(() -> sink.accepted() >= 100 && outbox.backlog() == 0);
            List<String> all = new ArrayList<>();
            sink.acceptedByKey().values().forEach(events -> {
                List<Long> order = events.stream().map(event -> Long.parseLong(event.field("n"))).toList();
                assertThat(order).isSorted().doesNotHaveDuplicates();
                events.forEach(event -> all.add(event.field("n")));
            });
            assertThat(all).hasSize(100);
        }
    }

    @Test
    void anEventPastTheRetryWindowIsDeadLetteredAndTheNextOneOfItsKeyProceeds() throws Exception {
        RecordingSink sink = new RecordingSink();
        sink.goDown();
        try (MapDbOutbox outbox = MapDbOutbox.open(dir.resolve("outbox.mapdb"), Clock.systemUTC(), DeliveryObserver.NONE);
                OutboxDispatcher dispatcher = new OutboxDispatcher(outbox, sink,
                        new Backoff(Duration.ofMillis(20), Duration.ofMillis(50)), Duration.ofMillis(300), 1, 100, 2,
                        Clock.systemUTC(), DeliveryObserver.NONE)) {
            dispatcher.start();
            outbox.append(event("m:1/a:b", 1));
            outbox.append(event("m:1/a:b", 2));
            await().atMost(Duration.ofSeconds(10)).until(() -> outbox.deadLetters().count() == 2);
            assertThat(outbox.backlog()).isZero();
            assertThat(outbox.deadLetters().page(0, 10, java.util.Optional.empty()))
                    .extracting(letter -> letter.event().field("n")).containsExactly("1", "2");

            sink.comeBack();
            assertThat(outbox.replay(java.util.Optional.empty()).get(10, TimeUnit.SECONDS)).isEqualTo(2);
            await().atMost(Duration.ofSeconds(10)).until(() -> sink.accepted() == 2);
            assertThat(sink.acceptedByKey().get("m:1/a:b")).extracting(event -> event.field("n"))
                    .containsExactly("1", "2");
            assertThat(outbox.deadLetters().count()).isZero();
        }
    }

    static RoutingEvent event(String key, int n) {
        return new RoutingEvent(0, key.startsWith("p:") ? RoutingEvent.Kind.PRESENCE : RoutingEvent.Kind.MESSAGE, key,
                System.currentTimeMillis(), 0, Map.of("n", Integer.toString(n)));
    }
}
