package io.parley.kernel.storage.embedded;

import static io.parley.kernel.storage.embedded.StorageTestSupport.append;
import static io.parley.kernel.storage.embedded.StorageTestSupport.message;
import static io.parley.kernel.storage.embedded.StorageTestSupport.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.parley.api.error.ImException;
import io.parley.api.model.ConversationKey;
import io.parley.api.model.ConversationType;
import io.parley.api.model.Message;
import io.parley.api.storage.AppendResult;
import io.parley.api.storage.InboxEntry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A backup taken while writers write restores into a store holding every message acked before it began. */
class StorageBackupTest {
    @TempDir
    Path dir;

    private static EmbeddedStorageProvider open(Path storage) {
        return new EmbeddedStorageProvider(
                new EmbeddedStorageConfig(storage, Durability.FSYNC, 32 * 1024, Duration.ofSeconds(10), 64));
    }

    @Test
    void backupWhileWritingThenRestore() throws Exception {
        Path live = dir.resolve("live");
        Queue<AppendResult> acked = new ConcurrentLinkedQueue<>();
        AtomicBoolean writing = new AtomicBoolean(true);
        List<AppendResult> ackedBeforeBackup;
        try (EmbeddedStorageProvider provider = open(live)) {
            provider.metadata().put("users", "ann", "{\"name\":\"Ann\"}");
            List<Thread> writers = new ArrayList<>();
            for (int t = 0; t < 3; t++) {
                ConversationKey group = new ConversationKey(ConversationType.GROUP, "g" + t);
                Thread writer = new Thread(() -> {
                    for (int i = 0; writing.get(); i++) {
                        acked.add(append(provider, request(message(group, "w", "payload ".repeat(20) + i,
                                System.currentTimeMillis()), "ann", "ben")));
                    }
                });
                writer.start();
                writers.add(writer);
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> acked.size() >= 500);
            ackedBeforeBackup = List.copyOf(acked);
            StorageBackup.Report report = StorageBackup.backup(live, dir.resolve("backup"));
            assertThat(report.segments()).isGreaterThan(1);
            int atBackupEnd = acked.size();
            await().atMost(Duration.ofSeconds(30)).until(() -> acked.size() >= atBackupEnd + 100);
            writing.set(false);
            for (Thread writer : writers) {
                writer.join();
            }
            assertThatThrownBy(() -> StorageBackup.backup(live, dir.resolve("backup")))
                    .isInstanceOf(ImException.class).hasMessageContaining("not empty");
        }
        assertThat(dir.resolve("backup").resolve(MetadataIndex.FILE)).doesNotExist();

        Path restored = dir.resolve("restored");
        StorageBackup.restore(dir.resolve("backup"), restored);
        assertThatThrownBy(() -> StorageBackup.restore(dir.resolve("backup"), restored))
                .isInstanceOf(ImException.class).hasMessageContaining("already holds a message log");
        try (EmbeddedStorageProvider provider = open(restored)) {
            for (AppendResult result : ackedBeforeBackup) {
                assertThat(provider.messages().findByUid(result.message().messageUid())).contains(result.message());
            }
            for (int t = 0; t < 3; t++) {
                ConversationKey group = new ConversationKey(ConversationType.GROUP, "g" + t);
                long head = provider.messages().conversationHead(group);
                assertThat(provider.messages().readConversation(group, 0, (int) head + 1)).extracting(Message::seq)
                        .containsExactlyElementsOf(LongStream.rangeClosed(1, head).boxed().toList());
            }
            long inboxHead = provider.messages().inboxHead("ben");
            assertThat(inboxHead).isGreaterThanOrEqualTo(ackedBeforeBackup.size()).isLessThan(acked.size());
            assertThat(provider.messages().readInbox("ben", 0, (int) inboxHead, 0).entries())
                    .extracting(InboxEntry::inboxSeq)
                    .containsExactlyElementsOf(LongStream.rangeClosed(1, inboxHead).boxed().toList());
            assertThat(provider.metadata().get("users", "ann")).contains("{\"name\":\"Ann\"}");
        }
        assertThat(Files.exists(restored.resolve(MetadataIndex.FILE))).isTrue();
    }
}
