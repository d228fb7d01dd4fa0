package io.parley.kernel.storage.embedded;

import static io.parley.kernel.storage.embedded.StorageTestSupport.message;
import static io.parley.kernel.storage.embedded.StorageTestSupport.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parley.api.model.ConversationKey;
import io.parley.api.plugin.PluginMetrics;
import io.parley.api.storage.AppendResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store reports batch sizes, commit latency and bytes on disk. */
class StorageMetricsTest {
    @TempDir
    Path dir;

    /** Records what the store reports, as a metrics backend would. */
    static final class RecordingMetrics implements PluginMetrics {
        final Map<String, AtomicLong> counters = new ConcurrentHashMap<>();
        final Map<String, List<Duration>> timers = new ConcurrentHashMap<>();
        final Map<String, Supplier<Number>> gauges = new ConcurrentHashMap<>();

        @Override
        public Counter counter(String name, String... tags) {
            AtomicLong counter = counters.computeIfAbsent(name, n -> new AtomicLong());
            return counter::addAndGet;
        }

        @Override
        public Timer timer(String name, String... tags) {
            List<Duration> recorded = timers.computeIfAbsent(name, n -> java.util.Collections.synchronizedList(new ArrayList<>()));
            return recorded::add;
        }

        @Override
        public void gauge(String name, Supplier<Number> value, String... tags) {
            gauges.put(name, value);
        }
    }

    @Test
    void reportsBatchesLatencyAndBytes() {
        RecordingMetrics metrics = new RecordingMetrics();
        ConversationKey chat = ConversationKey.privateChat("ann", "ben");
        try (EmbeddedStorageProvider provider = new EmbeddedStorageProvider(EmbeddedStorageConfig.defaults(dir),
                StorageMetrics.of(metrics))) {
            long emptyBytes = metrics.gauges.get("im.storage.bytes").get().longValue();
            List<CompletableFuture<?>> appends = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                appends.add(provider.messages().append(request(message(chat, "ann", "hi " + i, 1000 + i), "ann", "ben"))
                        .toCompletableFuture());
            }
            CompletableFuture.allOf(appends.toArray(CompletableFuture[]::new)).join();

            long records = metrics.counters.get("im.storage.commit.records").get();
            long batches = metrics.counters.get("im.storage.commit.batches").get();
            assertThat(records).isEqualTo(200);
            assertThat(batches).as("appends submitted together share batches").isBetween(1L, 199L);
            assertThat(metrics.gauges.get("im.storage.commit.batch.size").get().longValue()).isBetween(1L, 200L);
            assertThat(metrics.timers.get("im.storage.commit.latency")).hasSize(200)
                    .allMatch(latency -> !latency.isNegative());
            assertThat(metrics.timers.get("im.storage.fsync")).as("one fsync may cover several batches")
                    .hasSizeBetween(1, (int) batches);
            assertThat(metrics.gauges.get("im.storage.bytes").get().longValue()).isGreaterThan(emptyBytes);
        }
    }

    @Test
    void underASteadyStreamFsyncsStartNoCloserThanTheSyncInterval() {
        RecordingMetrics metrics = new RecordingMetrics();
        Duration interval = Duration.ofMillis(50);
        EmbeddedStorageConfig config = new EmbeddedStorageConfig(dir, Durability.FSYNC,
                EmbeddedStorageConfig.DEFAULT_SEGMENT_BYTES, Duration.ofSeconds(10), 64, 1000, 1 << 20,
                EmbeddedStorageConfig.DEFAULT_MEMORY_MAX_BYTES, interval);
        ConversationKey chat = ConversationKey.privateChat("ann", "ben");
        int appends = 60;
        try (EmbeddedStorageProvider provider = new EmbeddedStorageProvider(config, StorageMetrics.of(metrics))) {
            long start = System.nanoTime();
            List<CompletableFuture<AppendResult>> results = new ArrayList<>();
            for (int i = 0; i < appends; i++) {
                results.add(provider.messages().append(request(message(chat, "ann", "hi " + i, 1000 + i), "ann", "ben"))
                        .toCompletableFuture());
                long written = i + 1;
                // each append written by a batch of its own, as under a steady stream of single sends
                await().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(1)).atMost(Duration.ofSeconds(30))
                        .until(() -> metrics.counters.get("im.storage.commit.batches").get() >= written);
            }
            CompletableFuture.allOf(results.toArray(CompletableFuture[]::new)).join();
            long elapsed = System.nanoTime() - start;

            assertThat(results).extracting(result -> result.join().message().seq())
                    .isEqualTo(LongStream.rangeClosed(1, appends).boxed().toList());
            int fsyncs = metrics.timers.get("im.storage.fsync").size();
            assertThat(fsyncs).as("%d single-append batches in %d ms, fsyncs at least %d ms apart", appends,
                    elapsed / 1_000_000, interval.toMillis())
                    .isBetween(1, (int) (elapsed / interval.toNanos()) + 1);
        }
    }
}
