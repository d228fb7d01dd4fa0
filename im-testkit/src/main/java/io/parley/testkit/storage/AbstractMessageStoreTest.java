package io.parley.testkit.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import io.parley.api.error.ImException;
import io.parley.api.error.StandardErrorCode;
import io.parley.api.model.ConversationKey;
import io.parley.api.model.ConversationType;
import io.parley.api.model.Message;
import io.parley.api.storage.AppendRequest;
import io.parley.api.storage.AppendResult;
import io.parley.api.storage.InboxEntry;
import io.parley.api.storage.InboxPage;
import io.parley.api.storage.RetentionCutoffs;
import io.parley.api.storage.StorageCapability;
import io.parley.api.storage.StorageProvider;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The storage SPI's core compliance suite: every {@link StorageProvider} must pass it (with
 * {@link AbstractStorageHistoryTest} for the optional operations). It covers idempotent appends, gapless seqs
 * per conversation and per inbox under concurrent writers, cursor paging, range reads, UID lookup, the offline
 * filter, metadata, and reopening without loss for {@link StorageCapability#PERSISTENT} providers. A subclass
 * says how to open its provider on a directory; each test gets a fresh directory.
 */
public abstract class AbstractMessageStoreTest extends StorageSuiteBase {

    // ---------------------------------------------------------------- tests

    @Test
    void appendAssignsSeqsAndCompletes() {
        ConversationKey chat = ConversationKey.privateChat("alice", "bob");
        AppendResult first = send(chat, "alice", 1000, "alice", "bob");
        AppendResult second = send(chat, "bob", 1001, "alice", "bob");

        assertThat(first.duplicate()).isFalse();
        assertThat(first.message().seq()).isEqualTo(1);
        assertThat(second.message().seq()).isEqualTo(2);
        assertThat(first.inboxSeqs()).containsExactlyInAnyOrderEntriesOf(Map.of("alice", 1L, "bob", 1L));
        assertThat(second.inboxSeqs()).containsExactlyInAnyOrderEntriesOf(Map.of("alice", 2L, "bob", 2L));
        assertThat(messages().conversationHead(chat)).isEqualTo(2);
        assertThat(messages().inboxHead("alice")).isEqualTo(2);
        assertThat(messages().inboxHead("nobody")).isZero();
        assertThat(messages().conversationHead(group("none"))).isZero();
    }

    @Test
    void idempotentAppendWritesNothingTheSecondTime() {
        ConversationKey chat = ConversationKey.privateChat("carol", "dave");
        AppendRequest request = request(message(chat, "carol", 5000), List.of("carol", "dave"));
        AppendResult first = join(messages().append(request));
        AppendResult again = join(messages().append(request));
        AppendResult sameKeyOtherUid = join(messages().append(new AppendRequest(
                message(chat, "carol", 5001), List.of("carol", "dave"), request.idempotencyKey())));

        assertThat(first.duplicate()).isFalse();
        for (AppendResult duplicate : List.of(again, sameKeyOtherUid)) {
            assertThat(duplicate.duplicate()).isTrue();
            assertThat(duplicate.message().seq()).isEqualTo(first.message().seq());
            assertThat(duplicate.message().messageUid()).isEqualTo(first.message().messageUid());
            assertThat(duplicate.inboxSeqs()).isEqualTo(first.inboxSeqs());
        }
        assertThat(messages().conversationHead(chat)).isEqualTo(1);
        assertThat(messages().inboxHead("dave")).isEqualTo(1);
        assertThat(send(chat, "dave", 5002, "carol", "dave").message().seq()).isEqualTo(2);
    }

    @Test
    void concurrentWritersGetGaplessSeqsInSubmissionOrder() throws Exception {
        int threads = 8;
        int perThread = 400;
        List<String> users = List.of("u0", "u1", "u2", "u3", "u4", "u5");
        List<ConversationKey> conversations = List.of(group("g0"), group("g1"), group("g2"), group("g3"));
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<List<AppendResult>>> writers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                writers.add(pool.submit(() -> {
                    List<CompletableFuture<AppendResult>> pending = new ArrayList<>();
                    for (int i = 0; i < perThread; i++) {
                        int c = (thread + i) % conversations.size();
                        List<String> owners = List.of(users.get(c), users.get(c + 1), users.get((c + 2) % users.size()));
                        Message m = message(conversations.get(c), "w" + thread, 10_000 + i);
                        pending.add(messages().append(request(m, owners)).toCompletableFuture());
                    }
                    List<AppendResult> results = new ArrayList<>();
                    for (CompletableFuture<AppendResult> future : pending) {
                        results.add(join(future));
                    }
                    return results;
                }));
            }
            Map<String, List<Long>> convSeqs = new HashMap<>();
            Map<String, List<Long>> inboxSeqs = new HashMap<>();
            for (Future<List<AppendResult>> writer : writers) {
                Map<String, Long> lastSeqSeen = new HashMap<>();
                for (AppendResult result : writer.get(WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                    String conversation = result.message().conversation().asString();
                    long seq = result.message().seq();
                    assertThat(seq).as("one thread's appends are sequenced in submission order")
                            .isGreaterThan(lastSeqSeen.getOrDefault(conversation, 0L));
                    lastSeqSeen.put(conversation, seq);
                    convSeqs.computeIfAbsent(conversation, k -> new ArrayList<>()).add(seq);
                    result.inboxSeqs().forEach((user, s) -> inboxSeqs.computeIfAbsent(user, k -> new ArrayList<>()).add(s));
                }
            }
            assertThat(convSeqs.values().stream().mapToInt(List::size).sum()).isEqualTo(threads * perThread);
            for (ConversationKey conversation : conversations) {
                List<Long> seqs = convSeqs.get(conversation.asString());
                long head = messages().conversationHead(conversation);
                assertThat(head).isEqualTo(seqs.size());
                assertThat(seqs).containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(1, head).boxed().toList());
            }
            for (String user : users) {
                List<Long> seqs = inboxSeqs.get(user);
                long head = messages().inboxHead(user);
                assertThat(head).isEqualTo(seqs.size());
                assertThat(seqs).containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(1, head).boxed().toList());
                assertThat(readWholeInbox(user, 500, 0)).extracting(InboxEntry::inboxSeq)
                        .containsExactlyElementsOf(LongStream.rangeClosed(1, head).boxed().toList());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void inboxPagesWithCursorsUntilFinished() {
        ConversationKey chat = ConversationKey.privateChat("erin", "frank");
        List<String> uids = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            uids.add(send(chat, i % 2 == 0 ? "erin" : "frank", 1000 + i, "erin", "frank").message().messageUid());
        }

        InboxPage first = messages().readInbox("frank", 0, 10, 0);
        assertThat(first.entries()).extracting(InboxEntry::inboxSeq).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
        assertThat(first.nextCursor()).isEqualTo(10);
        assertThat(first.finished()).isFalse();
        InboxPage second = messages().readInbox("frank", first.nextCursor(), 10, 0);
        assertThat(second.entries()).extracting(InboxEntry::inboxSeq).startsWith(11L).endsWith(20L).hasSize(10);
        InboxPage third = messages().readInbox("frank", second.nextCursor(), 10, 0);
        assertThat(third.entries()).extracting(InboxEntry::inboxSeq).containsExactly(21L, 22L, 23L, 24L, 25L);
        assertThat(third.nextCursor()).isEqualTo(25);
        assertThat(third.finished()).isTrue();
        InboxPage beyond = messages().readInbox("frank", 25, 10, 0);
        assertThat(beyond.entries()).isEmpty();
        assertThat(beyond.finished()).isTrue();
        assertThat(beyond.nextCursor()).isEqualTo(25);

        List<InboxEntry> all = readWholeInbox("frank", 7, 0);
        assertThat(all).extracting(entry -> entry.message().messageUid()).containsExactlyElementsOf(uids);
        assertThat(all).extracting(entry -> entry.message().seq())
                .containsExactlyElementsOf(LongStream.rangeClosed(1, 25).boxed().toList());
        assertThat(messages().readInbox("nobody", 0, 10, 0)).isEqualTo(new InboxPage(List.of(), 0, true));
        assertThatThrownBy(() -> messages().readInbox("frank", 0, 0, 0)).isInstanceOf(ImException.class);
    }

    @Test
    void readsAConversationRange() {
        ConversationKey room = group("readers");
        for (int i = 0; i < 10; i++) {
            send(room, "gina", 2000 + i, "gina", "hank");
        }
        assertThat(messages().readConversation(room, 3, 4)).extracting(Message::seq).containsExactly(4L, 5L, 6L, 7L);
        assertThat(messages().readConversation(room, 8, 10)).extracting(Message::seq).containsExactly(9L, 10L);
        assertThat(messages().readConversation(room, 0, 100)).hasSize(10).allMatch(m -> m.conversation().equals(room));
        assertThat(messages().readConversation(room, 10, 5)).isEmpty();
        assertThat(messages().readConversation(group("empty"), 0, 5)).isEmpty();
    }

    @Test
    void findsAMessageByUid() {
        ConversationKey chat = ConversationKey.privateChat("ivan", "judy");
        send(chat, "ivan", 3000, "ivan", "judy");
        AppendResult second = send(chat, "judy", 3001, "ivan", "judy");

        Optional<Message> found = messages().findByUid(second.message().messageUid());
        assertThat(found).contains(second.message());
        assertThat(found.orElseThrow().seq()).isEqualTo(2);
        assertThat(messages().findByUid("NO-SUCH-UID")).isEmpty();
    }

    @Test
    void notBeforeFilterSkipsOldEntriesAndExpiryDropsThem() {
        ConversationKey chat = ConversationKey.privateChat("kim", "leo");
        send(chat, "kim", 1_000, "kim", "leo");
        send(chat, "leo", 2_000, "kim", "leo");
        AppendResult fresh = send(chat, "kim", 10_000, "kim", "leo");
        send(chat, "leo", 3_000, "leo");

        InboxPage filtered = messages().readInbox("kim", 0, 10, 5_000);
        assertThat(filtered.entries()).extracting(InboxEntry::inboxSeq).containsExactly(3L);
        assertThat(filtered.nextCursor()).isEqualTo(3);
        assertThat(filtered.finished()).isTrue();
        InboxPage oldOnly = messages().readInbox("kim", 0, 2, 5_000);
        assertThat(oldOnly.entries()).extracting(InboxEntry::inboxSeq).containsExactly(3L);

        assumeThat(provider.capabilities()).contains(StorageCapability.RETENTION);
        RetentionCutoffs offlineWindow = new RetentionCutoffs(Map.of(ConversationType.PRIVATE, 5_000L), Map.of());
        assertThat(messages().expire(offlineWindow).inboxEntries()).isEqualTo(5);
        assertThat(messages().expire(offlineWindow).inboxEntries()).isZero();
        List<InboxEntry> kim = readWholeInbox("kim", 1, 0);
        assertThat(kim).extracting(InboxEntry::inboxSeq).containsExactly(3L);
        assertThat(kim.get(0).message()).isEqualTo(fresh.message());
        assertThat(readWholeInbox("leo", 1, 0)).extracting(InboxEntry::inboxSeq).containsExactly(3L);
        InboxPage afterExpiry = messages().readInbox("leo", 0, 10, 0);
        assertThat(afterExpiry.nextCursor()).isEqualTo(4);
        assertThat(afterExpiry.finished()).isTrue();
        assertThat(messages().inboxHead("leo")).isEqualTo(4);
        assertThat(messages().readConversation(chat, 0, 10)).hasSize(4);
        assertThat(send(chat, "kim", 20_000, "kim", "leo").inboxSeqs()).containsEntry("kim", 4L).containsEntry("leo", 5L);
    }

    @Test
    void metadataPutGetDeleteScan() {
        var metadata = provider.metadata();
        metadata.put("users", "bob", "{\"name\":\"Bob\"}");
        metadata.put("users", "alice", "{\"name\":\"Alice\"}");
        metadata.put("users", "al", "short");
        metadata.put("users", "carl", "{}");
        metadata.put("groups", "alice", "other namespace");
        metadata.put("users", "bob", "{\"name\":\"Robert\"}");

        assertThat(metadata.get("users", "bob")).contains("{\"name\":\"Robert\"}");
        assertThat(metadata.get("users", "zed")).isEmpty();
        assertThat(metadata.get("nobody", "bob")).isEmpty();
        assertThat(metadata.scan("users", "al")).containsExactly(Map.entry("al", "short"),
                Map.entry("alice", "{\"name\":\"Alice\"}"));
        assertThat(metadata.scan("users", "")).containsOnlyKeys("al", "alice", "bob", "carl");
        assertThat(List.copyOf(metadata.scan("users", "").keySet())).containsExactly("al", "alice", "bob", "carl");
        metadata.delete("users", "alice");
        metadata.delete("users", "never-there");
        assertThat(metadata.get("users", "alice")).isEmpty();
        assertThat(metadata.scan("users", "al")).containsOnlyKeys("al");
        assertThat(metadata.scan("groups", "")).containsExactly(Map.entry("alice", "other namespace"));
        assertThat(metadata.scan("empty", "")).isEmpty();
    }

    @Test
    void metadataScanPagesWalkEveryPrefixedKeyOnceInKeyOrder() {
        var metadata = provider.metadata();
        List<String> keys = List.of("tag/a", "tag/b", "tag/c", "tag/d", "tag/e");
        keys.forEach(key -> metadata.put("pages", key, "v-" + key));
        metadata.put("pages", "tab", "before the prefix");
        metadata.put("pages", "tah", "after the prefix");
        metadata.put("pages-other", "tag/a", "other namespace");

        List<String> walked = new ArrayList<>();
        String after = "";
        while (true) {
            Map<String, String> page = metadata.scanPage("pages", "tag/", after, 2);
            assertThat(page.size()).isLessThanOrEqualTo(2);
            page.forEach((key, value) -> assertThat(value).isEqualTo("v-" + key));
            walked.addAll(page.keySet());
            if (page.size() < 2) {
                break;
            }
            after = walked.get(walked.size() - 1);
        }
        assertThat(walked).containsExactlyElementsOf(keys);
        assertThat(metadata.scanPage("pages", "tag/", "tag/e", 10)).isEmpty();
        assertThat(metadata.scanPage("pages", "", "tag/c", 10)).containsOnlyKeys("tag/d", "tag/e", "tah");
        assertThat(metadata.scanPage("pages", "tag/", "a", 1)).containsOnlyKeys("tag/a");
    }

    @Test
    void appendsAfterCloseFail() {
        provider.close();
        CompletionStage<AppendResult> stage = provider.messages()
                .append(request(message(group("closed"), "x", 1), List.of("x")));
        await().atMost(WAIT).until(() -> stage.toCompletableFuture().isDone());
        assertThatThrownBy(() -> join(stage)).isInstanceOfSatisfying(ImException.class,
                e -> assertThat(e.errorCode()).isEqualTo(StandardErrorCode.STORAGE_UNAVAILABLE));
        provider = null;
    }

    @Test
    void reopenLosesNothing() {
        assumeThat(provider.capabilities()).as("only persistent providers keep data").contains(StorageCapability.PERSISTENT);
        ConversationKey chat = ConversationKey.privateChat("mia", "ned");
        List<AppendResult> sent = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            sent.add(send(chat, i % 3 == 0 ? "ned" : "mia", 4000 + i, "mia", "ned"));
        }
        AppendRequest retried = request(message(group("team"), "mia", 4100), List.of("mia", "ned", "olga"));
        AppendResult groupResult = join(messages().append(retried));
        provider.metadata().put("tokens", "mia", "revoked");
        provider.metadata().put("tokens", "ned", "ok");
        provider.metadata().delete("tokens", "ned");
        provider.close();

        provider = openProvider(dir);
        assertThat(messages().conversationHead(chat)).isEqualTo(30);
        assertThat(messages().inboxHead("mia")).isEqualTo(31);
        assertThat(messages().inboxHead("olga")).isEqualTo(1);
        assertThat(messages().readConversation(chat, 0, 100)).containsExactlyElementsOf(
                sent.stream().map(AppendResult::message).toList());
        assertThat(readWholeInbox("ned", 8, 0)).extracting(InboxEntry::inboxSeq)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, 31).boxed().toList());
        assertThat(messages().findByUid(sent.get(17).message().messageUid())).contains(sent.get(17).message());
        assertThat(provider.metadata().get("tokens", "mia")).contains("revoked");
        assertThat(provider.metadata().get("tokens", "ned")).isEmpty();
        AppendResult again = join(messages().append(retried));
        assertThat(again.duplicate()).isTrue();
        assertThat(again.message()).isEqualTo(groupResult.message());
        assertThat(again.inboxSeqs()).isEqualTo(groupResult.inboxSeqs());
        assertThat(send(chat, "mia", 5000, "mia", "ned").message().seq()).isEqualTo(31);
        assertThat(messages().inboxHead("ned")).isEqualTo(32);
    }
}
