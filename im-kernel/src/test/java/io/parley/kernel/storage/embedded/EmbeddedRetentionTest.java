package io.parley.kernel.storage.embedded;

import static io.parley.kernel.storage.embedded.StorageTestSupport.append;
import static io.parley.kernel.storage.embedded.StorageTestSupport.copyTree;
import static io.parley.kernel.storage.embedded.StorageTestSupport.directoryBytes;
import static io.parley.kernel.storage.embedded.StorageTestSupport.message;
import static io.parley.kernel.storage.embedded.StorageTestSupport.request;
import static org.assertj.core.api.Assertions.assertThat;

import io.parley.api.model.ConversationKey;
import io.parley.api.model.ConversationType;
import io.parley.api.model.Message;
import io.parley.api.storage.AppendResult;
import io.parley.api.storage.ExpiryResult;
import io.parley.api.storage.InboxEntry;
import io.parley.api.storage.RetentionCutoffs;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Retention gives disk space back by deleting whole segments, and a rebuild afterwards loses nothing live. */
class EmbeddedRetentionTest {
    private static final ConversationKey CHAT = ConversationKey.privateChat("ann", "ben");
    private static final ConversationKey QUIET = ConversationKey.privateChat("dan", "eve");
    private static final ConversationKey TEAM = new ConversationKey(ConversationType.GROUP, "team");
    private static final RetentionCutoffs OLD_PRIVATE_GONE = new RetentionCutoffs(
            Map.of(ConversationType.PRIVATE, 500_000L), Map.of(ConversationType.PRIVATE, 500_000L));

    @TempDir
    Path dir;

    private EmbeddedStorageProvider open(Path storage) {
        return new EmbeddedStorageProvider(
                new EmbeddedStorageConfig(storage, Durability.FSYNC, 8192, Duration.ofSeconds(10), 64));
    }

    @Test
    void expiredSegmentsAreDeletedAndTheLogShrinks() throws IOException {
        Path live = dir.resolve("live");
        List<AppendResult> fresh = new ArrayList<>();
        long bytesBefore;
        try (EmbeddedStorageProvider provider = open(live)) {
            provider.metadata().put("users", "ann", "{\"name\":\"Ann\"}");
            provider.metadata().put("users", "gone", "x");
            for (int i = 0; i < 20; i++) {
                append(provider, request(message(QUIET, "dan", "only old " + i, 500 + i), "dan", "eve"));
            }
            for (int i = 0; i < 300; i++) {
                append(provider, request(message(CHAT, "ann", "old ".repeat(60) + i, 1000 + i), "ann", "ben"));
            }
            provider.metadata().delete("users", "gone");
            AppendResult teamOld = append(provider, request(message(TEAM, "cat", "group, kept", 2000), "cat", "ann"));
            for (int i = 0; i < 5; i++) {
                fresh.add(append(provider, request(message(CHAT, "ben", "fresh " + i, 1_000_000 + i), "ann", "ben")));
            }
            bytesBefore = directoryBytes(live.resolve("log"));
            long providerBytesBefore = provider.bytesOnDisk();

            ExpiryResult result = provider.messages().expire(OLD_PRIVATE_GONE);

            assertThat(result.messages()).isEqualTo(320);
            assertThat(result.bytesReclaimed()).isPositive();
            long bytesAfter = directoryBytes(live.resolve("log"));
            assertThat(bytesAfter).as("the log directory shrank").isLessThan(bytesBefore / 2);
            assertThat(bytesBefore - bytesAfter).isGreaterThanOrEqualTo(result.bytesReclaimed() - 8192);
            assertThat(provider.bytesOnDisk()).isLessThan(providerBytesBefore);
            assertThat(provider.messages().readConversation(CHAT, 0, 500)).containsExactlyElementsOf(
                    fresh.stream().map(AppendResult::message).toList());
            assertThat(provider.messages().readConversation(TEAM, 0, 10)).containsExactly(teamOld.message());
            assertThat(provider.metadata().get("users", "ann")).contains("{\"name\":\"Ann\"}");
            // the provider is still open: this copy is what a kill -9 leaves behind
            copyTree(live, dir.resolve("crashed"));
        }
        try (EmbeddedStorageProvider provider = open(dir.resolve("crashed"))) {
            assertThat(provider.recovery().rebuilt()).isTrue();
            assertThat(provider.messages().conversationHead(CHAT)).as("heads survive their segments").isEqualTo(305);
            assertThat(provider.messages().inboxHead("ann")).isEqualTo(306);
            assertThat(provider.messages().conversationHead(QUIET)).as("all its messages expired").isEqualTo(20);
            assertThat(provider.messages().inboxHead("eve")).isEqualTo(20);
            assertThat(provider.messages().readConversation(QUIET, 0, 50)).isEmpty();
            assertThat(append(provider, request(message(QUIET, "eve", "back", 2_000_000), "dan", "eve")).inboxSeqs())
                    .containsEntry("eve", 21L);
            assertThat(provider.messages().readConversation(CHAT, 0, 500)).extracting(Message::seq)
                    .containsExactly(301L, 302L, 303L, 304L, 305L);
            assertThat(provider.messages().readInbox("ben", 0, 500, 0).entries()).extracting(InboxEntry::inboxSeq)
                    .containsExactly(301L, 302L, 303L, 304L, 305L);
            assertThat(provider.metadata().get("users", "ann")).contains("{\"name\":\"Ann\"}");
            assertThat(provider.metadata().get("users", "gone")).isEmpty();
            assertThat(provider.messages().readConversation(TEAM, 0, 10)).hasSize(1);
            assertThat(append(provider, request(message(CHAT, "ann", "after", 2_000_000), "ann", "ben")).message().seq())
                    .isEqualTo(306);
            assertThat(provider.messages().expire(OLD_PRIVATE_GONE).messages()).as("expiry replayed").isZero();
        }
    }

    @Test
    void writersKeepWritingWhileTheSweeperDeletes() throws Exception {
        try (EmbeddedStorageProvider provider = open(dir)) {
            for (int i = 0; i < 400; i++) {
                append(provider, request(message(CHAT, "ann", "old ".repeat(40) + i, 1000 + i), "ann", "ben"));
            }
            CompletableFuture<ExpiryResult> sweep = CompletableFuture.supplyAsync(
                    () -> provider.messages().expire(OLD_PRIVATE_GONE));
            List<AppendResult> during = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                during.add(append(provider, request(message(TEAM, "cat", "new " + i, 1_000_000 + i), "cat", "ann")));
            }
            assertThat(sweep.get().messages()).isEqualTo(400);
            assertThat(provider.messages().readConversation(TEAM, 0, 500)).containsExactlyElementsOf(
                    during.stream().map(AppendResult::message).toList());
            assertThat(provider.messages().readConversation(CHAT, 0, 500)).isEmpty();
        }
    }
}
