package io.parley.storage.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.api.model.ConversationKey;
import io.parley.api.model.ConversationType;
import io.parley.api.model.Message;
import io.parley.api.storage.AppendRequest;
import io.parley.api.storage.AppendResult;
import io.parley.api.storage.InboxEntry;
import io.parley.api.storage.InboxPage;
import io.parley.api.storage.StorageProvider;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two provider instances on one schema stand for two Parley nodes on one database. Writing the same
 * conversations and inboxes at once, they must still give every conversation and every inbox the seqs 1..n with
 * no gap and no duplicate, and a send retried on the other node must be answered with the first result.
 */
class TwoNodeSequencingTest {
    private static final int WRITERS_PER_NODE = 4;
    private static final int APPENDS_PER_WRITER = 300;
    private static final List<String> USERS = List.of("u0", "u1", "u2", "u3", "u4", "u5");
    private static final List<ConversationKey> CONVERSATIONS = List.of(group("g0"), group("g1"), group("g2"),
            ConversationKey.privateChat("u0", "u1"), ConversationKey.privateChat("u1", "u2"));

    @RegisterExtension
    final SchemaPerTest schema = new SchemaPerTest("twonodes");
    private StorageProvider nodeA;
    private StorageProvider nodeB;

    @BeforeEach
    void openTwoNodes() {
        nodeA = schema.open();
        nodeB = schema.open();
    }

    @AfterEach
    void close() {
        nodeA.close();
        nodeB.close();
    }

    @Test
    void concurrentWritersOnTwoNodesGetGaplessSeqs() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2 * WRITERS_PER_NODE);
        try {
            List<Future<List<AppendResult>>> writers = new ArrayList<>();
            for (int w = 0; w < 2 * WRITERS_PER_NODE; w++) {
                StorageProvider node = w % 2 == 0 ? nodeA : nodeB;
                int writer = w;
                writers.add(pool.submit(() -> write(node, writer)));
            }
            Map<ConversationKey, List<Long>> conversationSeqs = new HashMap<>();
            Map<String, List<Long>> inboxSeqs = new HashMap<>();
            for (Future<List<AppendResult>> writer : writers) {
                Map<ConversationKey, Long> lastSeen = new HashMap<>();
                for (AppendResult result : writer.get(120, TimeUnit.SECONDS)) {
                    ConversationKey conversation = result.message().conversation();
                    assertThat(result.message().seq()).as("one writer's appends keep their order")
                            .isGreaterThan(lastSeen.getOrDefault(conversation, 0L));
                    lastSeen.put(conversation, result.message().seq());
                    conversationSeqs.computeIfAbsent(conversation, k -> new ArrayList<>()).add(result.message().seq());
                    result.inboxSeqs().forEach((user, seq) -> inboxSeqs.computeIfAbsent(user, k -> new ArrayList<>()).add(seq));
                }
            }
            assertThat(conversationSeqs.values().stream().mapToInt(List::size).sum())
                    .isEqualTo(2 * WRITERS_PER_NODE * APPENDS_PER_WRITER);
            for (ConversationKey conversation : CONVERSATIONS) {
                List<Long> seqs = conversationSeqs.get(conversation);
                assertThat(seqs).as(conversation.asString())
                        .containsExactlyInAnyOrderElementsOf(oneTo(seqs.size()));
                assertThat(nodeA.messages().conversationHead(conversation)).isEqualTo(seqs.size());
                assertThat(nodeB.messages().conversationHead(conversation)).isEqualTo(seqs.size());
                assertThat(nodeB.messages().readConversation(conversation, 0, 10_000)).extracting(Message::seq)
                        .containsExactlyElementsOf(oneTo(seqs.size()));
            }
            for (String user : USERS) {
                List<Long> seqs = inboxSeqs.get(user);
                assertThat(seqs).as("inbox of " + user).containsExactlyInAnyOrderElementsOf(oneTo(seqs.size()));
                assertThat(readWholeInbox(nodeA, user)).extracting(InboxEntry::inboxSeq)
                        .containsExactlyElementsOf(oneTo(seqs.size()));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aSendRetriedOnTheOtherNodeIsAnsweredWithTheFirstResult() {
        List<CompletableFuture<AppendResult>> attempts = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            Message message = message(group("retried"), "u" + i, i);
            AppendRequest request = new AppendRequest(message, List.of("u0", "u1"), "retry-" + i);
            attempts.add(nodeA.messages().append(request).toCompletableFuture());
            attempts.add(nodeB.messages().append(request).toCompletableFuture());
        }
        List<AppendResult> results = attempts.stream().map(CompletableFuture::join).toList();
        for (int i = 0; i < results.size(); i += 2) {
            AppendResult a = results.get(i);
            AppendResult b = results.get(i + 1);
            assertThat(List.of(a.duplicate(), b.duplicate())).as("exactly one of the two wrote").containsOnlyOnce(false);
            assertThat(a.message()).isEqualTo(b.message());
            assertThat(a.inboxSeqs()).isEqualTo(b.inboxSeqs());
        }
        assertThat(nodeA.messages().conversationHead(group("retried"))).isEqualTo(20);
        assertThat(nodeB.messages().inboxHead("u1")).isEqualTo(20);
    }

    private static List<AppendResult> write(StorageProvider node, int writer) {
        List<CompletableFuture<AppendResult>> pending = new ArrayList<>();
        for (int i = 0; i < APPENDS_PER_WRITER; i++) {
            int c = (writer + i) % CONVERSATIONS.size();
            ConversationKey conversation = CONVERSATIONS.get(c);
            List<String> owners = conversation.type() == ConversationType.PRIVATE
                    ? List.of(conversation.id().split(":"))
                    : List.of(USERS.get(c), USERS.get(c + 1), USERS.get((c + 3) % USERS.size()));
            Message message = message(conversation, "w" + writer, 1000 + i);
            pending.add(node.messages().append(new AppendRequest(message, owners, "w" + writer + ":" + i))
                    .toCompletableFuture());
        }
        return pending.stream().map(CompletableFuture::join).toList();
    }

    private static List<InboxEntry> readWholeInbox(StorageProvider node, String user) {
        List<InboxEntry> all = new ArrayList<>();
        long cursor = 0;
        while (true) {
            InboxPage page = node.messages().readInbox(user, cursor, 97, 0);
            all.addAll(page.entries());
            cursor = page.nextCursor();
            if (page.finished()) {
                return all;
            }
        }
    }

    private static List<Long> oneTo(long n) {
        return LongStream.rangeClosed(1, n).boxed().toList();
    }

    private static ConversationKey group(String id) {
        return new ConversationKey(ConversationType.GROUP, id);
    }

    private static Message message(ConversationKey conversation, String from, long sentTime) {
        String uid = "UID-" + from + "-" + sentTime + "-" + System.nanoTime();
        return new Message(conversation, from, conversation.id(), "RC:TxtMsg", "{\"content\":\"" + uid + "\"}",
                Optional.empty(), Optional.empty(), true, true, "c-" + uid, Optional.empty(), 0, uid, sentTime);
    }
}
