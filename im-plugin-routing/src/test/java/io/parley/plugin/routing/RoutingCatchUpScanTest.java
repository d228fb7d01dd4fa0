package io.parley.plugin.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.api.model.ConversationKey;
import io.parley.api.model.Message;
import io.parley.api.model.Platform;
import io.parley.api.storage.MessageStore;
import io.parley.api.storage.StorageCapability;
import io.parley.api.storage.StorageProvider;
import io.parley.plugin.routing.outbox.DeliveryObserver;
import io.parley.plugin.routing.outbox.MapDbOutbox;
import io.parley.plugin.routing.spi.RoutingConfig;
import io.parley.plugin.routing.spi.RoutingEvent;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link RoutingCatchUp} against a storage double: the scanned range, the filters, the recent msgUIDs, commit
 * order from an unordered scan, bounded slices, and a storage without {@code SCAN_BY_TIME}.
 */
class RoutingCatchUpScanTest {
    private static final long MARK = 1_700_000_000_000L;
    private static final Duration WINDOW = Duration.ofMinutes(5);

    @TempDir
    Path dir;

    private final List<long[]> scannedRanges = new ArrayList<>();

    @Test
    void queuesWhatTheOutboxNeverSawInCommitOrderWithBoundedSlices() throws Exception {
        List<Message> stored = new ArrayList<>();
        Map<String, Integer> seqs = new HashMap<>();
        stored.add(message("too-old", "bob", MARK - WINDOW.toMillis() - 1, seqs, true));
        stored.add(message("routed", "bob", MARK, seqs, true));
        // 3 × 4,000 messages sent within 2 s after the mark: far more than one slice may hold
        for (int i = 0; i < 4_000; i++) {
            for (String to : List.of("bob", "carol", "dave")) {
                stored.add(message("lost-" + to + "-" + i, to, MARK + i / 3, seqs, true));
            }
        }
        stored.add(message("from-api", "bob", MARK + 5_000, seqs, false));
        stored.add(message("future", "erin", MARK + 20_000, seqs, true));
        List<Message> scrambled = new ArrayList<>(stored);
        java.util.Collections.reverse(scrambled);

        try (MapDbOutbox outbox = MapDbOutbox.open(dir.resolve("outbox.mapdb"), Clock.systemUTC(), DeliveryObserver.NONE,
                WINDOW)) {
            outbox.append(RoutingListener.recoveredMessageEvent(stored.get(1)));
            outbox.flush().get(10, TimeUnit.SECONDS);
            outbox.delivered(outbox.scan(0, 10));
            RoutingListener listener = new RoutingListener(RoutingConfig.read(RoutingConfigTest.config(Map.of())),
                    Set.of(RoutingEvent.Kind.MESSAGE), outbox);
            Clock clock = Clock.fixed(Instant.ofEpochMilli(MARK + 10_000), ZoneOffset.UTC);

            long recovered = RoutingCatchUp.run(storage(scrambled, EnumSet.of(StorageCapability.SCAN_BY_TIME)),
                    listener, outbox, clock, WINDOW);

            assertThat(recovered).isEqualTo(12_000);
            List<RoutingEvent> queued = all(outbox);
            assertThat(queued).hasSize(12_000);
            Set<String> uids = new HashSet<>();
            Map<String, Long> lastSeq = new HashMap<>();
            for (RoutingEvent event : queued) {
                assertThat(uids.add(event.field("msgUID"))).as("once: %s", event.field("msgUID")).isTrue();
                assertThat(event.field("msgUID")).startsWith("lost-");
                assertThat(event.fields()).doesNotContainKey("clientIp").containsEntry("source", "Android");
                long seq = Long.parseLong(event.field("content"));
                Long previous = lastSeq.put(event.key(), seq);
                assertThat(previous == null || previous < seq).as("seq order of %s at %d", event.key(), seq).isTrue();
            }
            assertThat(scannedRanges.get(0)).containsExactly(MARK - WINDOW.toMillis(), MARK - WINDOW.toMillis() + 60_000);
            assertThat(scannedRanges.get(scannedRanges.size() - 1)[1]).as("up to now").isEqualTo(MARK + 10_001);
            assertThat(scannedRanges).as("the busy seconds were read again in slices narrower than them")
                    .anySatisfy(range -> assertThat(range[0] >= MARK && range[0] <= MARK + 1_333
                            && range[1] - range[0] < 1_334).isTrue());
            assertThat(outbox.recentMessages().messageHighWater()).hasValue(MARK + 1_333);

            scannedRanges.clear();
            assertThat(RoutingCatchUp.run(storage(scrambled, EnumSet.of(StorageCapability.SCAN_BY_TIME)), listener,
                    outbox, clock, WINDOW)).as("a second catch-up finds everything queued").isZero();
            assertThat(all(outbox)).hasSize(12_000);
        }
    }

    @Test
    void withoutScanByTimeNothingIsRecovered() throws Exception {
        try (MapDbOutbox outbox = MapDbOutbox.open(dir.resolve("outbox.mapdb"), Clock.systemUTC(), DeliveryObserver.NONE,
                WINDOW)) {
            Map<String, Integer> seqs = new HashMap<>();
            outbox.append(RoutingListener.recoveredMessageEvent(message("routed", "bob", MARK, seqs, true)));
            outbox.flush().get(10, TimeUnit.SECONDS);
            RoutingListener listener = new RoutingListener(RoutingConfig.read(RoutingConfigTest.config(Map.of())),
                    Set.of(RoutingEvent.Kind.MESSAGE), outbox);
            List<Message> stored = List.of(message("lost", "bob", MARK + 1, seqs, true));

            assertThat(RoutingCatchUp.run(storage(stored, EnumSet.noneOf(StorageCapability.class)), listener, outbox,
                    Clock.systemUTC(), WINDOW)).isZero();
            assertThat(scannedRanges).isEmpty();
            assertThat(all(outbox)).hasSize(1);
        }
    }

    /** A private message from alice whose content is its seq, so that the test can check the order. */
    private static Message message(String uid, String to, long sentTime, Map<String, Integer> seqs, boolean fromClient) {
        int seq = seqs.merge(to, 1, Integer::sum);
        return new Message(ConversationKey.privateChat("alice", to), "alice", to, "RC:TxtMsg", Integer.toString(seq),
                Optional.empty(), Optional.empty(), true, true, "c-" + uid,
                fromClient ? Optional.of(Platform.ANDROID) : Optional.empty(), seq, uid, sentTime);
    }

    private StorageProvider storage(List<Message> stored, Set<StorageCapability> capabilities) {
        MessageStore messages = (MessageStore) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {MessageStore.class}, (proxy, method, args) -> {
                    if (!method.getName().equals("scanByTime")) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    long from = (Long) args[0];
                    long to = (Long) args[1];
                    scannedRanges.add(new long[] {from, to});
                    @SuppressWarnings("unchecked")
                    Consumer<Message> sink = (Consumer<Message>) args[2];
                    stored.stream().filter(m -> m.sentTime() >= from && m.sentTime() < to).forEach(sink);
                    return null;
                });
        return (StorageProvider) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {StorageProvider.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "messages" -> messages;
                    case "capabilities" -> capabilities;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private static List<RoutingEvent> all(MapDbOutbox outbox) {
        List<RoutingEvent> all = new ArrayList<>();
        for (List<RoutingEvent> page = outbox.scan(0, 1000); !page.isEmpty();
                page = outbox.scan(page.get(page.size() - 1).id(), 1000)) {
            all.addAll(page);
        }
        return all;
    }
}
