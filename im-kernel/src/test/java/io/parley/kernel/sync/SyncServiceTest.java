package io.parley.kernel.sync;

import io.parley.kernel.testing.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parley.api.error.ImException;
import io.parley.api.error.StandardErrorCode;
import io.parley.api.model.ConversationKey;
import io.parley.api.model.ConversationType;
import io.parley.api.model.Message;
import io.parley.api.storage.AppendRequest;
import io.parley.kernel.storage.memory.MemoryStorageProvider;
import io.parley.protocol.body.ConversationCursor;
import io.parley.protocol.body.SyncBody;
import io.parley.protocol.body.SyncResultBody;
import io.parley.protocol.body.WireMessage;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SyncServiceTest {
    private static final Duration RETENTION = Duration.ofDays(7);
    private static final int PRIVATE = ConversationType.PRIVATE.code();

    private final MutableClock clock = new MutableClock(1_700_000_000_000L);
    private final MemoryStorageProvider storage = new MemoryStorageProvider();
    private final SyncService sync = new SyncService(storage.messages(),
            io.parley.kernel.message.MessageViews.none(), clock, RETENTION);
    private final AtomicInteger sent = new AtomicInteger();

    @AfterEach
    void close() {
        storage.close();
    }

    /** Commits a private message from one user to another, into both inboxes, at the clock's time. */
    private void send(String from, String to, int count) throws Exception {
        for (int i = 0; i < count; i++) {
            int n = sent.incrementAndGet();
            Message message = new Message(ConversationKey.privateChat(from, to), from, to, "RC:TxtMsg",
                    "{\"content\":\"m" + n + "\"}", Optional.empty(), Optional.empty(), true, true, "c" + n,
                    Optional.empty(), 0, "UID-" + n, clock.millis());
            storage.messages().append(new AppendRequest(message, List.of(to, from), from + ":c" + n))
                    .toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    private SyncResultBody inbox(String user, long after, int limit) {
        return sync.sync(user, new SyncBody(after, null, limit));
    }

    private SyncResultBody conversation(String user, int type, String targetId, long afterSeq) {
        return sync.sync(user, new SyncBody(null, List.of(new ConversationCursor(type, targetId, afterSeq)), 0));
    }

    @Test
    void inboxPagesAreCappedAt200AndFinishedFlipsAtTheHead() throws Exception {
        send("alice", "bob", 250);

        SyncResultBody first = inbox("bob", 0, 1000);
        assertThat(first.inboxMessages()).hasSize(SyncService.MAX_PAGE);
        assertThat(first.inboxMessages()).extracting(WireMessage::inboxSeq).startsWith(1L).endsWith(200L);
        assertThat(first.inboxCursor()).isEqualTo(200);
        assertThat(first.finished()).isFalse();

        SyncResultBody second = inbox("bob", first.inboxCursor(), 1000);
        assertThat(second.inboxMessages()).hasSize(50);
        assertThat(second.inboxCursor()).isEqualTo(250);
        assertThat(second.finished()).isTrue();
    }

    @Test
    void unsetOrZeroLimitMeansAFullPage() throws Exception {
        send("alice", "bob", 201);

        assertThat(inbox("bob", 0, 0).inboxMessages()).hasSize(200);
    }

    @Test
    void inboxMessagesAreShownFromTheReadersSide() throws Exception {
        send("alice", "bob", 1);

        WireMessage atBob = inbox("bob", 0, 10).inboxMessages().get(0);
        WireMessage atAlice = inbox("alice", 0, 10).inboxMessages().get(0);

        assertThat(atBob.targetId()).isEqualTo("alice");
        assertThat(atAlice.targetId()).isEqualTo("bob");
        assertThat(atBob.fromUserId()).isEqualTo("alice");
    }

    @Test
    void entriesOlderThanRetentionAreSkippedButTheCursorMovesPastThem() throws Exception {
        send("alice", "bob", 3);
        clock.advance(RETENTION.plusHours(1));
        send("alice", "bob", 2);

        SyncResultBody all = inbox("bob", 0, 100);
        assertThat(all.inboxMessages()).extracting(WireMessage::inboxSeq).containsExactly(4L, 5L);
        assertThat(all.inboxCursor()).isEqualTo(5);
        assertThat(all.finished()).isTrue();

        SyncResultBody small = inbox("bob", 0, 1);
        assertThat(small.inboxMessages()).extracting(WireMessage::inboxSeq).containsExactly(4L);
        assertThat(small.inboxCursor()).isEqualTo(4);
        assertThat(small.finished()).isFalse();
    }

    @Test
    void inboxOfOnlyExpiredEntriesIsEmptyAndFinishedAtTheHead() throws Exception {
        send("alice", "bob", 3);
        clock.advance(RETENTION.plusMillis(1));

        SyncResultBody page = inbox("bob", 0, 100);

        assertThat(page.inboxMessages()).isEmpty();
        assertThat(page.inboxCursor()).isEqualTo(3);
        assertThat(page.finished()).isTrue();
    }

    @Test
    void participantReadsTheirPrivateConversation() throws Exception {
        send("alice", "bob", 3);

        SyncResultBody page = conversation("bob", PRIVATE, "alice", 1);

        assertThat(page.conversationMessages()).extracting(WireMessage::seq).containsExactly(2L, 3L);
        assertThat(page.conversationMessages()).extracting(WireMessage::targetId).containsOnly("alice");
        assertThat(page.finished()).isTrue();
    }

    @Test
    void outsiderCannotReadSomeoneElsesPrivateConversation() throws Exception {
        send("alice", "bob", 3);
        send("mallory", "bob", 1);

        assertThat(conversation("mallory", PRIVATE, "alice", 0).conversationMessages()).isEmpty();
        assertThat(conversation("mallory", PRIVATE, "alice:bob", 0).conversationMessages()).isEmpty();
        assertThat(conversation("mallory", PRIVATE, "bob", 0).conversationMessages())
                .extracting(WireMessage::fromUserId).containsExactly("mallory");
    }

    @Test
    void conversationPageIsCappedAndNotFinishedBeforeTheHead() throws Exception {
        send("alice", "bob", 205);

        SyncResultBody page = conversation("alice", PRIVATE, "bob", 0);

        assertThat(page.conversationMessages()).hasSize(200);
        assertThat(page.finished()).isFalse();
    }

    @Test
    void nonPrivateConversationCursorIsUnsupported() {
        for (int type : new int[] {ConversationType.GROUP.code(), ConversationType.CHATROOM.code(), 99}) {
            assertThatThrownBy(() -> conversation("alice", type, "room1", 0))
                    .isInstanceOf(ImException.class)
                    .satisfies(e -> assertThat(((ImException) e).errorCode())
                            .isEqualTo(StandardErrorCode.UNSUPPORTED_CONVERSATION_TYPE))
                    .satisfies(e -> assertThat(((ImException) e).code()).isEqualTo(33006));
        }
    }
}
