package io.parley.storage.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.api.model.ConversationKey;
import io.parley.api.model.ConversationType;
import io.parley.api.model.Message;
import io.parley.api.storage.AppendRequest;
import io.parley.api.storage.AppendResult;
import io.parley.api.storage.ExpiryResult;
import io.parley.api.storage.InboxEntry;
import io.parley.api.storage.InboxPage;
import io.parley.api.storage.RetentionCutoffs;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A retention sweep works in many small transactions (the test's provider deletes 3 rows per batch) while
 * appends go on in the same conversations: the sweep removes exactly what is past its window, every append
 * made during the sweep commits with the next seq, and nothing new is removed.
 */
class RetentionWhileWritingTest {
    private static final ConversationKey CHAT = ConversationKey.privateChat("ada", "bob");
    private static final ConversationKey TEAM = new ConversationKey(ConversationType.GROUP, "team");
    private static final int OLD_MESSAGES = 300;
    private static final int NEW_MESSAGES = 200;

    @RegisterExtension
    final ProviderPerTest store = new ProviderPerTest("retention");

    @Test
    void aSweepInSmallBatchesRunsBesideAppendsAndRemovesOnlyWhatExpired() {
        List<CompletableFuture<AppendResult>> old = new ArrayList<>();
        for (int i = 0; i < OLD_MESSAGES; i++) {
            old.add(append(i % 2 == 0 ? CHAT : TEAM, "old-" + i, 1_000 + i));
        }
        old.forEach(CompletableFuture::join);

        RetentionCutoffs cutoffs = new RetentionCutoffs(Map.of(ConversationType.GROUP, 5_000L),
                Map.of(ConversationType.PRIVATE, 5_000L));
        CompletableFuture<ExpiryResult> sweep =
                CompletableFuture.supplyAsync(() -> store.provider().messages().expire(cutoffs));
        List<CompletableFuture<AppendResult>> fresh = new ArrayList<>();
        for (int i = 0; i < NEW_MESSAGES; i++) {
            fresh.add(append(i % 2 == 0 ? CHAT : TEAM, "new-" + i, 10_000 + i));
        }
        List<AppendResult> written = fresh.stream().map(CompletableFuture::join).toList();
        ExpiryResult expired = sweep.join();

        assertThat(expired.messages()).as("the private messages past their window").isEqualTo(OLD_MESSAGES / 2);
        assertThat(expired.inboxEntries()).as("their entries in two inboxes, and the old group entries in two")
                .isEqualTo(OLD_MESSAGES / 2 * 2 + OLD_MESSAGES / 2 * 2);
        assertThat(written.stream().filter(r -> r.message().conversation().equals(CHAT)).map(r -> r.message().seq()))
                .containsExactlyElementsOf(LongStream.rangeClosed(OLD_MESSAGES / 2 + 1, (OLD_MESSAGES + NEW_MESSAGES) / 2)
                        .boxed().toList());
        assertThat(store.provider().messages().readConversation(CHAT, 0, 1000)).extracting(Message::sentTime)
                .allMatch(time -> time >= 10_000).hasSize(NEW_MESSAGES / 2);
        assertThat(store.provider().messages().readConversation(TEAM, 0, 1000)).as("group history is kept")
                .hasSize((OLD_MESSAGES + NEW_MESSAGES) / 2);
        List<InboxEntry> bob = new ArrayList<>();
        long cursor = 0;
        InboxPage page;
        do {
            page = store.provider().messages().readInbox("bob", cursor, 50, 0);
            bob.addAll(page.entries());
            cursor = page.nextCursor();
        } while (!page.finished());
        assertThat(bob).hasSize(NEW_MESSAGES).allMatch(entry -> entry.message().sentTime() >= 10_000);
        assertThat(cursor).isEqualTo(OLD_MESSAGES + NEW_MESSAGES);
    }

    private CompletableFuture<AppendResult> append(ConversationKey conversation, String id, long sentTime) {
        Message message = new Message(conversation, "ada", conversation.id(), "RC:TxtMsg", "{\"content\":\"" + id + "\"}",
                Optional.empty(), Optional.empty(), true, true, id, Optional.empty(), 0, "UID-" + id + "-" + System.nanoTime(),
                sentTime);
        return store.provider().messages().append(new AppendRequest(message, List.of("ada", "bob"), "ada:" + id))
                .toCompletableFuture();
    }
}
