package io.parley.plugin.routing.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parley.plugin.routing.spi.RoutingEvent;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a JVM that appends to the outbox with SIGKILL and checks that every acknowledged append is still there,
 * with the catch-up state of the same commits: the high-water mark and the recent msgUIDs.
 */
class OutboxKillTest {
    private static final int ACKED_BEFORE_KILL = 2_000;

    @TempDir
    Path dir;

    @Test
    void everyAcknowledgedAppendSurvivesKill9InOrder() throws Exception {
        Path file = dir.resolve("outbox.mapdb");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                OutboxCrashWriter.class.getName(), file.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        AtomicInteger highestAck = new AtomicInteger(-1);
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    if (line.startsWith("ACK ")) {
                        highestAck.set(Integer.parseInt(line.substring(4)));
                    }
                }
            } catch (IOException e) {
                // the child was killed
            }
        });
        reader.start();
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> highestAck.get() >= ACKED_BEFORE_KILL || !child.isAlive());
            assertThat(child.isAlive()).as("the writer is still writing").isTrue();
        } finally {
            child.destroyForcibly();
            child.waitFor(30, TimeUnit.SECONDS);
            reader.join(TimeUnit.SECONDS.toMillis(30));
        }
        int acked = highestAck.get();
        assertThat(acked).isGreaterThanOrEqualTo(ACKED_BEFORE_KILL);

        try (MapDbOutbox outbox = MapDbOutbox.open(file, Clock.systemUTC(), DeliveryObserver.NONE)) {
            List<RoutingEvent> all = new ArrayList<>();
            for (List<RoutingEvent> page = outbox.scan(0, 1000); !page.isEmpty();
                    page = outbox.scan(page.get(page.size() - 1).id(), 1000)) {
                all.addAll(page);
            }
            Set<Integer> found = new HashSet<>();
            Map<String, Integer> lastOfKey = new HashMap<>();
            for (RoutingEvent event : all) {
                int n = Integer.parseInt(event.field("n"));
                found.add(n);
                Integer previous = lastOfKey.put(event.key(), n);
                assertThat(previous == null || previous < n).as("order of %s at %d", event.key(), n).isTrue();
            }
            for (int n = 0; n <= acked; n++) {
                assertThat(found).as("acknowledged event %d", n).contains(n);
            }
            for (String key : List.of("m:1/c0", "m:1/c1", "m:1/c2", "m:1/c3")) {
                assertThat(outbox.pendingOf(key, 0, Integer.MAX_VALUE)).as("index of %s", key)
                        .hasSize((int) all.stream().filter(event -> event.key().equals(key)).count());
            }

            // the high-water mark and the recent msgUIDs were committed with the events they describe
            int highest = all.stream().mapToInt(event -> Integer.parseInt(event.field("n"))).max().orElseThrow();
            assertThat(outbox.recentMessages().messageHighWater()).hasValue(OutboxCrashWriter.BASE_TIME + highest);
            int oldestRemembered = Math.max(0, highest - (int) MapDbOutbox.DEFAULT_REPLAY_WINDOW.toMillis());
            for (int n = oldestRemembered; n <= highest; n++) {
                assertThat(outbox.recentMessages().recentlyAppended("uid-" + n)).as("recent uid-%d", n).isTrue();
            }
            assertThat(outbox.recentMessages().recentlyAppended("uid-" + (highest + 1))).isFalse();
            assertThat(outbox.recentMessages().recentCount()).isEqualTo(highest - oldestRemembered + 1);

            // and they keep working after the reopen: a repeat is dropped, a new message goes in
            long before = outbox.durableUpTo();
            outbox.append(new RoutingEvent(0, RoutingEvent.Kind.MESSAGE, "m:1/c0", 0, 0,
                    Map.of("msgUID", "uid-0", "msgTimestamp", Long.toString(OutboxCrashWriter.BASE_TIME))));
            outbox.append(new RoutingEvent(0, RoutingEvent.Kind.MESSAGE, "m:1/c0", 0, 0,
                    Map.of("msgUID", "new", "msgTimestamp", Long.toString(OutboxCrashWriter.BASE_TIME + highest + 1))));
            outbox.flush().get(10, TimeUnit.SECONDS);
            assertThat(outbox.scan(before, 10)).extracting(event -> event.field("msgUID")).containsExactly("new");
            assertThat(outbox.recentMessages().repeatsSkipped()).isEqualTo(1);
            assertThat(outbox.recentMessages().messageHighWater()).hasValue(OutboxCrashWriter.BASE_TIME + highest + 1);
        }
    }
}
