package io.parley.kernel.storage.embedded;

import static io.parley.kernel.storage.embedded.StorageTestSupport.append;
import static io.parley.kernel.storage.embedded.StorageTestSupport.message;
import static io.parley.kernel.storage.embedded.StorageTestSupport.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.parley.api.error.ImException;
import io.parley.api.error.StandardErrorCode;
import io.parley.api.model.ConversationKey;
import io.parley.api.model.Message;
import io.parley.api.storage.AppendRequest;
import io.parley.api.storage.AppendResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full or failing disk ({@link StorageFaults} stands in for one): while writes fail, appends and metadata writes
 * fail with STORAGE_UNAVAILABLE and the store says why; once writes succeed again it recovers on its own, without a
 * restart; and what was acknowledged, before and after, is all there after a restart, while nothing that failed is.
 */
class EmbeddedWriteFailureTest {
    private static final ConversationKey CHAT = ConversationKey.privateChat("ann", "ben");
    private static final String FULL = "No space left on device";

    @TempDir
    Path dir;

    @AfterEach
    void clearFaults() {
        StorageFaults.clear(dir);
    }

    private EmbeddedStorageConfig config(long segmentBytes, int maxBatch, Duration syncInterval) {
        return new EmbeddedStorageConfig(dir, Durability.FSYNC, segmentBytes, Duration.ofHours(1), maxBatch,
                EmbeddedStorageConfig.DEFAULT_MAX_QUEUED_APPENDS, EmbeddedStorageConfig.DEFAULT_MAX_QUEUED_BYTES,
                EmbeddedStorageConfig.DEFAULT_MEMORY_MAX_BYTES, syncInterval);
    }

    private EmbeddedStorageConfig config() {
        return config(EmbeddedStorageConfig.DEFAULT_SEGMENT_BYTES, 64, EmbeddedStorageConfig.DEFAULT_SYNC_INTERVAL);
    }

    private static AppendRequest next(int i) {
        return request(message(CHAT, "ann", "message " + i + " " + "x".repeat(100), 1000 + i), "ann", "ben");
    }

    private static List<Message> appendChat(EmbeddedStorageProvider provider, int from, int count) {
        List<Message> sent = new ArrayList<>();
        for (int i = from; i < from + count; i++) {
            sent.add(append(provider, next(i)).message());
        }
        return sent;
    }

    private static void assertUnavailable(CompletableFuture<?> write, String because) {
        assertThat(write).failsWithin(Duration.ofSeconds(30)).withThrowableOfType(ExecutionException.class)
                .havingCause().isInstanceOfSatisfying(ImException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(StandardErrorCode.STORAGE_UNAVAILABLE);
                    assertThat(e.getMessage()).contains(because);
                });
    }

    private long logBytes() throws IOException {
        try (Stream<Path> files = Files.list(dir.resolve("log"))) {
            long total = 0;
            for (Path file : files.toList()) {
                total += Files.size(file);
            }
            return total;
        }
    }

    @Test
    void aFullDiskFailsWritesUntilSpaceIsFreedThenTheStoreRecoversWithoutARestart() throws IOException {
        StorageMetricsTest.RecordingMetrics metrics = new StorageMetricsTest.RecordingMetrics();
        List<Message> acked = new ArrayList<>();
        AppendRequest refused = next(100);
        try (EmbeddedStorageProvider provider = new EmbeddedStorageProvider(config(), StorageMetrics.of(metrics))) {
            acked.addAll(appendChat(provider, 0, 5));
            long bytes = logBytes();
            assertThat(provider.failing()).isEmpty();
            assertThat(metrics.gauges.get("im.storage.failing").get().intValue()).isZero();

            StorageFaults.inject(dir, StorageFaults.Kind.LOG_WRITE, FULL);
            assertUnavailable(provider.messages().append(refused).toCompletableFuture(), FULL);
            assertThatThrownBy(() -> provider.metadata().put("users", "ann", "{}"))
                    .isInstanceOfSatisfying(ImException.class, e -> assertThat(e.errorCode())
                            .isEqualTo(StandardErrorCode.STORAGE_UNAVAILABLE));
            assertThat(provider.failing()).hasValueSatisfying(reason -> assertThat(reason)
                    .startsWith("STORAGE_FAILING").contains(FULL));
            assertThat(metrics.gauges.get("im.storage.failing").get().intValue()).isOne();
            assertThat(metrics.counters.get("im.storage.write.failures").get()).isGreaterThanOrEqualTo(2);
            assertThat(logBytes()).as("the half-written batches were cut off again").isEqualTo(bytes);

            StorageFaults.clear(dir);
            // no write comes meanwhile: the store probes the log by itself
            await().atMost(Duration.ofSeconds(30)).until(() -> provider.failing().isEmpty());
            assertThat(metrics.gauges.get("im.storage.failing").get().intValue()).isZero();
            List<Message> after = appendChat(provider, 5, 5);
            assertThat(after).extracting(Message::seq).containsExactly(6L, 7L, 8L, 9L, 10L);
            acked.addAll(after);
            provider.metadata().put("users", "ann", "{\"after\":true}");
        }
        try (EmbeddedStorageProvider provider = new EmbeddedStorageProvider(config())) {
            assertThat(provider.messages().readConversation(CHAT, 0, 100)).containsExactlyElementsOf(acked);
            assertThat(provider.messages().inboxHead("ben")).isEqualTo(10);
            assertThat(provider.messages().findByUid(refused.message().messageUid())).isEmpty();
            assertThat(provider.metadata().get("users", "ann")).contains("{\"after\":true}");
        }
    }

    @Test
    void aFailedFsyncFailsEveryUnsyncedWriteAndCutsTheLogBackToTheLastDurableOne() throws IOException {
        List<Message> acked = new ArrayList<>();
        List<AppendRequest> refused = new ArrayList<>();
        try (EmbeddedStorageProvider provider = new EmbeddedStorageProvider(config())) {
            acked.addAll(appendChat(provider, 0, 5));
            long durableBytes = logBytes();

            StorageFaults.inject(dir, StorageFaults.Kind.LOG_FORCE, "Input/output error");
            refused.add(next(99));
            assertUnavailable(provider.messages().append(refused.get(0)).toCompletableFuture(), "Input/output error");
            await("the log cut back with no write to come").atMost(Duration.ofSeconds(30))
                    .until(() -> logBytes() == durableBytes);

            List<CompletableFuture<AppendResult>> writes = new ArrayList<>();
            for (int i = 100; i < 140; i++) {
                refused.add(next(i));
                writes.add(provider.messages().append(refused.get(refused.size() - 1)).toCompletableFuture());
            }
            writes.forEach(write -> assertUnavailable(write, "Input/output error"));
            assertThat(provider.failing()).hasValueSatisfying(reason -> assertThat(reason).contains("Input/output"));
            await("the log cut back to the last durable write").atMost(Duration.ofSeconds(30))
                    .until(() -> logBytes() == durableBytes);
            assertThat(provider.messages().conversationHead(CHAT)).isEqualTo(5);

            StorageFaults.clear(dir);
            await().atMost(Duration.ofSeconds(30)).until(() -> provider.failing().isEmpty());
            List<Message> after = appendChat(provider, 5, 5);
            assertThat(after).extracting(Message::seq).as("the failed writes gave their seqs back")
                    .containsExactly(6L, 7L, 8L, 9L, 10L);
            acked.addAll(after);
        }
        try (EmbeddedStorageProvider provider = new EmbeddedStorageProvider(config())) {
            assertThat(provider.messages().readConversation(CHAT, 0, 100)).containsExactlyElementsOf(acked);
            assertThat(provider.messages().inboxHead("ann")).isEqualTo(10);
            for (AppendRequest failed : refused) {
                assertThat(provider.messages().findByUid(failed.message().messageUid())).isEmpty();
            }
            AppendResult retried = append(provider, refused.get(0));
            assertThat(retried.duplicate()).as("a failed send retried is stored, once").isFalse();
            assertThat(retried.message().seq()).isEqualTo(11);
        }
    }

    @Test
    void aFailedFsyncAfterALogRollCutsBackIntoTheSegmentBefore() throws IOException {
        // batches of at most 4 small records roll the 16 KiB segment at a base from 15,000 on, in a file named
        // 000000000000000150xx.log or above: only that segment's fsyncs fail, not the one forced before the roll
        EmbeddedStorageConfig config = config(16384, 4, Duration.ofMillis(100));
        List<Message> acked = new ArrayList<>();
        try (EmbeddedStorageProvider provider = new EmbeddedStorageProvider(config)) {
            acked.addAll(appendChat(provider, 0, 5));
            StorageFaults.inject(dir, "0000000000000001", StorageFaults.Kind.LOG_FORCE, "Input/output error");
            List<CompletableFuture<AppendResult>> writes = new ArrayList<>();
            for (int i = 100; i < 300; i++) {
                writes.add(provider.messages().append(next(i)).toCompletableFuture());
            }
            for (CompletableFuture<AppendResult> write : writes) {
                try {
                    acked.add(write.get().message());
                } catch (ExecutionException | InterruptedException e) {
                    assertThat(e.getCause()).isInstanceOfSatisfying(ImException.class, failure ->
                            assertThat(failure.errorCode()).isEqualTo(StandardErrorCode.STORAGE_UNAVAILABLE));
                }
            }
            assertThat(acked.size()).as("the writes into the new segment failed").isLessThan(205);
            StorageFaults.clear(dir);
            await().atMost(Duration.ofSeconds(30)).until(() -> provider.failing().isEmpty());
            assertThat(acked).extracting(Message::seq).as("what was acknowledged is gapless")
                    .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, acked.size()).boxed().toList());
            List<CompletableFuture<AppendResult>> after = new ArrayList<>();
            for (int i = 1000; i < 1300; i++) {
                after.add(provider.messages().append(next(i)).toCompletableFuture());
            }
            after.forEach(write -> acked.add(write.join().message()));
        }
        try (EmbeddedStorageProvider provider = new EmbeddedStorageProvider(config)) {
            assertThat(provider.messages().readConversation(CHAT, 0, 1000)).containsExactlyElementsOf(acked);
            assertThat(provider.messages().conversationHead(CHAT)).isEqualTo(acked.size());
        }
    }

    @Test
    void aFailedCheckpointRefusesWritesUntilTheIndexCanBeWrittenAndLosesNoMetadata() throws IOException {
        try (EmbeddedStorageProvider provider = new EmbeddedStorageProvider(config())) {
            appendChat(provider, 0, 3);
            provider.metadata().put("users", "ann", "{\"v\":1}");

            StorageFaults.inject(dir, StorageFaults.Kind.METADATA_COMMIT, FULL);
            assertThatThrownBy(provider::checkpoint).isInstanceOfSatisfying(ImException.class, e ->
                    assertThat(e.errorCode()).isEqualTo(StandardErrorCode.STORAGE_UNAVAILABLE));
            assertThat(provider.failing()).hasValueSatisfying(reason -> assertThat(reason).contains("index")
                    .contains(FULL));
            assertUnavailable(provider.messages().append(next(100)).toCompletableFuture(), "index");

            StorageFaults.clear(dir);
            await().atMost(Duration.ofSeconds(30)).until(() -> provider.failing().isEmpty());
            // the metadata index was reopened as of its last commit, before the put, and the log applied again
            assertThat(provider.metadata().get("users", "ann")).contains("{\"v\":1}");
            provider.metadata().put("users", "ben", "{\"v\":2}");
            assertThat(append(provider, next(3)).message().seq()).isEqualTo(4);
        }
        try (EmbeddedStorageProvider provider = new EmbeddedStorageProvider(config())) {
            assertThat(provider.metadata().get("users", "ann")).contains("{\"v\":1}");
            assertThat(provider.metadata().get("users", "ben")).contains("{\"v\":2}");
            assertThat(provider.messages().conversationHead(CHAT)).isEqualTo(4);
        }
    }
}
