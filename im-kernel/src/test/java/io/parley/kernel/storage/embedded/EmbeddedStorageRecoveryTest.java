package io.parley.kernel.storage.embedded;

import static io.parley.kernel.storage.embedded.StorageTestSupport.append;
import static io.parley.kernel.storage.embedded.StorageTestSupport.message;
import static io.parley.kernel.storage.embedded.StorageTestSupport.request;
import static org.assertj.core.api.Assertions.assertThat;

import io.parley.api.model.ConversationKey;
import io.parley.api.model.ConversationType;
import io.parley.api.model.Message;
import io.parley.api.storage.AppendRequest;
import io.parley.api.storage.AppendResult;
import io.parley.api.storage.InboxEntry;
import io.parley.api.storage.InboxPage;
import io.parley.api.storage.RetentionCutoffs;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded store's own promises: torn tails, rebuilds after an unclean stop, segment rolls. */
class EmbeddedStorageRecoveryTest {
    private static final ConversationKey CHAT = ConversationKey.privateChat("ann", "ben");

    @TempDir
    Path dir;

    private static EmbeddedStorageProvider open(Path dir) {
        return new EmbeddedStorageProvider(EmbeddedStorageConfig.defaults(dir));
    }

    private static List<AppendResult> appendChat(EmbeddedStorageProvider provider, int count) {
        List<AppendResult> results = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            results.add(append(provider, request(message(CHAT, i % 2 == 0 ? "ann" : "ben", "hello " + i, 1000 + i),
                    "ann", "ben")));
        }
        return results;
    }

    private static Path lastSegment(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir.resolve("log"))) {
            return files.max(Comparator.naturalOrder()).orElseThrow();
        }
    }

    private static List<Message> messages(List<AppendResult> results) {
        return results.stream().map(AppendResult::message).toList();
    }

    @Test
    void garbageAfterTheLastRecordIsCutAway() throws IOException {
        List<AppendResult> sent;
        try (EmbeddedStorageProvider provider = open(dir)) {
            sent = appendChat(provider, 5);
        }
        Path segment = lastSegment(dir);
        long cleanSize = Files.size(segment);
        try (FileChannel channel = FileChannel.open(segment, StandardOpenOption.APPEND)) {
            channel.write(ByteBuffer.wrap(new byte[] {0, 0, 0, 42, 1, 2, 3, 4, 5, 6, 7, 8, 9}));
        }

        try (EmbeddedStorageProvider provider = open(dir)) {
            assertThat(Files.size(segment)).isEqualTo(cleanSize);
            assertThat(provider.recovery().rebuilt()).isFalse();
            assertThat(provider.messages().readConversation(CHAT, 0, 10)).containsExactlyElementsOf(messages(sent));
            assertThat(append(provider, request(message(CHAT, "ann", "after", 2000), "ann", "ben")).message().seq())
                    .isEqualTo(6);
        }
        try (EmbeddedStorageProvider provider = open(dir)) {
            assertThat(provider.messages().conversationHead(CHAT)).isEqualTo(6);
            assertThat(provider.messages().readConversation(CHAT, 0, 10)).hasSize(6);
        }
    }

    @Test
    void aRecordHalfWrittenByACrashIsCutAndOlderRecordsKept() throws IOException {
        Path copy = dir.resolve("copy");
        EmbeddedStorageConfig config = new EmbeddedStorageConfig(dir.resolve("live"), Durability.FSYNC,
                EmbeddedStorageConfig.DEFAULT_SEGMENT_BYTES, Duration.ofHours(1), 64);
        List<AppendResult> sent;
        AppendRequest last;
        try (EmbeddedStorageProvider provider = new EmbeddedStorageProvider(config)) {
            sent = appendChat(provider, 4);
            provider.checkpoint();
            last = request(message(CHAT, "ben", "this one is torn", 3000), "ann", "ben");
            append(provider, last);
            // The provider is still open: its directory now is what a kill -9 leaves behind; the kill tears the last
            // record, written after the last checkpoint.
            StorageTestSupport.copyTree(dir.resolve("live"), copy);
        }
        Path segment = lastSegment(copy);
        try (FileChannel channel = FileChannel.open(segment, StandardOpenOption.WRITE)) {
            channel.truncate(channel.size() - 20);
        }

        try (EmbeddedStorageProvider provider = open(copy)) {
            assertThat(provider.messages().readConversation(CHAT, 0, 10)).containsExactlyElementsOf(messages(sent));
            assertThat(provider.messages().inboxHead("ann")).isEqualTo(4);
            assertThat(provider.messages().findByUid(last.message().messageUid())).isEmpty();
            AppendResult retried = append(provider, last);
            assertThat(retried.duplicate()).isFalse();
            assertThat(retried.message().seq()).isEqualTo(5);
            assertThat(retried.inboxSeqs()).containsEntry("ann", 5L).containsEntry("ben", 5L);
        }
    }

    @Test
    void anUncleanStopBeforeAnyCheckpointReplaysTheWholeLog() throws IOException {
        Path copy = dir.resolve("copy");
        ConversationKey team = new ConversationKey(ConversationType.GROUP, "team");
        List<AppendResult> chat;
        AppendRequest teamRequest = request(message(team, "cat", "to the team", 500), "ann", "ben", "cat");
        AppendResult teamResult;
        try (EmbeddedStorageProvider provider = open(dir.resolve("live"))) {
            chat = appendChat(provider, 40);
            teamResult = append(provider, teamRequest);
            provider.metadata().put("users", "ann", "{\"n\":1}");
            provider.metadata().put("users", "ben", "{\"n\":2}");
            provider.metadata().delete("users", "ben");
            assertThat(provider.messages().expire(new RetentionCutoffs(Map.of(ConversationType.GROUP, 600L), Map.of()))
                    .inboxEntries()).isEqualTo(3);
            // The provider is still open: copying its directory now is what a kill -9 leaves behind.
            copyTree(dir.resolve("live"), copy);
        }

        try (EmbeddedStorageProvider provider = open(copy)) {
            assertThat(provider.recovery().rebuilt()).isTrue();
            assertThat(provider.recovery().records()).isEqualTo(41 + 3 + 1);
            assertThat(provider.messages().readConversation(CHAT, 0, 100)).containsExactlyElementsOf(messages(chat));
            assertThat(provider.messages().readConversation(team, 0, 10)).containsExactly(teamResult.message());
            assertThat(provider.messages().inboxHead("ann")).isEqualTo(41);
            assertThat(provider.messages().inboxHead("cat")).isEqualTo(1);
            InboxPage catInbox = provider.messages().readInbox("cat", 0, 10, 0);
            assertThat(catInbox.entries()).as("expired before the crash, still expired").isEmpty();
            assertThat(catInbox.finished()).isTrue();
            List<InboxEntry> ann = provider.messages().readInbox("ann", 0, 100, 0).entries();
            assertThat(ann).extracting(InboxEntry::inboxSeq).hasSize(40).startsWith(1L).endsWith(40L);
            assertThat(provider.metadata().get("users", "ann")).contains("{\"n\":1}");
            assertThat(provider.metadata().get("users", "ben")).isEmpty();
            assertThat(provider.messages().findByUid(chat.get(33).message().messageUid())).contains(chat.get(33).message());
            AppendResult duplicate = append(provider, teamRequest);
            assertThat(duplicate.duplicate()).isTrue();
            assertThat(duplicate.inboxSeqs()).isEqualTo(teamResult.inboxSeqs());
            assertThat(append(provider, request(message(CHAT, "ann", "next", 9000), "ann", "ben")).inboxSeqs())
                    .containsEntry("ann", 42L).containsEntry("ben", 42L);
        }
        try (EmbeddedStorageProvider provider = open(copy)) {
            assertThat(provider.recovery().rebuilt()).as("closed cleanly this time").isFalse();
            assertThat(provider.recovery().records()).isZero();
            assertThat(provider.messages().conversationHead(CHAT)).isEqualTo(41);
            assertThat(provider.messages().inboxHead("ben")).isEqualTo(42);
        }
    }

    @Test
    void theLogRollsIntoSegmentsAndIsReadAcrossThem() throws IOException {
        EmbeddedStorageConfig config = new EmbeddedStorageConfig(dir, Durability.FSYNC, 4096, Duration.ofMillis(50), 16);
        List<AppendResult> sent = new ArrayList<>();
        try (EmbeddedStorageProvider provider = new EmbeddedStorageProvider(config)) {
            for (int i = 0; i < 120; i++) {
                sent.add(append(provider, request(message(CHAT, "ann", "x".repeat(200) + i, 1000 + i), "ann", "ben")));
            }
            assertThat(provider.messages().readConversation(CHAT, 0, 200)).containsExactlyElementsOf(messages(sent));
        }
        try (Stream<Path> files = Files.list(dir.resolve("log"))) {
            List<Path> segments = files.sorted().toList();
            assertThat(segments).hasSizeGreaterThan(5);
            for (Path segment : segments) {
                assertThat(Files.size(segment)).isLessThanOrEqualTo(4096);
            }
            assertThat(segments.get(0).getFileName()).hasToString("00000000000000000000.log");
        }
        StoreRecovery.forgetDerivedState(dir);
        try (MessageLog log = MessageLog.open(dir.resolve("log"), 4096)) {
            StoreRecovery.Recovered rebuilt = StoreRecovery.recover(dir, log, true);
            // each sealed segment's index is written as the replay passes it: one memtable at a time in the heap
            assertThat(rebuilt.report().rebuilt()).isTrue();
            assertThat(rebuilt.sealedInMemory()).isEmpty();
            try (Stream<Path> indexes = Files.list(dir.resolve("index"))) {
                assertThat(indexes.count()).as("an index file per sealed segment").isGreaterThan(5);
            }
            rebuilt.streams().close();
            rebuilt.keyTable().close();
            rebuilt.metadata().close();
        }
        StoreRecovery.forgetDerivedState(dir);
        try (EmbeddedStorageProvider provider = new EmbeddedStorageProvider(config)) {
            assertThat(provider.recovery().rebuilt()).isTrue();
            assertThat(provider.messages().readConversation(CHAT, 0, 200)).containsExactlyElementsOf(messages(sent));
            assertThat(provider.messages().readInbox("ben", 100, 50, 0).entries()).extracting(InboxEntry::inboxSeq)
                    .hasSize(20).startsWith(101L).endsWith(120L);
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path path : paths.toList()) {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target);
                }
            }
        }
    }
}
