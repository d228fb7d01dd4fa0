package io.parley.builtin.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.api.model.ConversationKey;
import io.parley.api.model.ConversationType;
import io.parley.api.model.Message;
import io.parley.api.plugin.ConversationService;
import io.parley.api.plugin.MemberPage;
import io.parley.api.storage.AppendRequest;
import io.parley.kernel.config.MultiDevicePolicy;
import io.parley.kernel.session.SessionRegistry;
import io.parley.kernel.storage.memory.MemoryStorageProvider;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A group's entry in the list shows and counts what the group shows the user (from when they joined), what the views
 * present (a recalled message is not counted), and never a command.
 */
class ConversationListServiceTest {
    private static final long NOW = 10_000_000;
    private static final ConversationKey GROUP = new ConversationKey(ConversationType.GROUP, "g");

    private final MemoryStorageProvider storage = new MemoryStorageProvider();
    private final ConversationStates states = new ConversationStates(storage.metadata(),
            new SessionRegistry(MultiDevicePolicy.UNLIMITED));
    /** Bob joined at this time: the group hides every message sent before it from him. */
    private volatile long joinedAt = 0;
    private final Set<String> recalled = ConcurrentHashMap.newKeySet();
    private final AtomicInteger visibilityQuestions = new AtomicInteger();
    private final ConversationListService list = new ConversationListService(storage.messages(), states,
            new Group(), Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC), Duration.ofDays(7));

    @AfterEach
    void close() {
        storage.close();
    }

    /** The kernel's conversation service as a group with join times answers it. */
    private final class Group implements ConversationService {
        @Override
        public ConversationKey key(String userId, ConversationType type, String targetId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean mayRead(String userId, ConversationKey conversation) {
            throw new UnsupportedOperationException();
        }

        @Override
        public MemberPage members(ConversationKey conversation, String after, int limit) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Message present(Message stored) {
            if (!recalled.contains(stored.messageUid())) {
                return stored;
            }
            return new Message(stored.conversation(), stored.fromUserId(), stored.targetId(), "RC:RcNtf", "{}",
                    Optional.empty(), Optional.empty(), true, false, stored.clientMsgId(), Optional.empty(),
                    stored.seq(), stored.messageUid(), stored.sentTime());
        }

        @Override
        public Optional<Message> presentTo(String userId, Message stored) {
            visibilityQuestions.incrementAndGet();
            return stored.sentTime() < joinedAt ? Optional.empty() : Optional.of(present(stored));
        }

        @Override
        public List<String> followedBy(String userId, ConversationType type) {
            return type == ConversationType.GROUP ? List.of("g") : List.of();
        }

        @Override
        public CompletionStage<Message> notify(ConversationKey conversation, String name, String content) {
            throw new UnsupportedOperationException();
        }
    }

    private Message send(String from, String objectName, long sentTime) {
        Message draft = new Message(GROUP, from, "g", objectName, "{\"content\":\"hi\"}", Optional.empty(),
                Optional.empty(), true, true, "c-" + sentTime, Optional.empty(), 0, "UID-" + sentTime, sentTime);
        return storage.messages().append(new AppendRequest(draft, List.of(), draft.clientMsgId())).toCompletableFuture()
                .join().message();
    }

    private ConversationSummary bobsGroup() {
        List<ConversationSummary> entries = list.list("bob");
        assertThat(entries).hasSize(1);
        return entries.get(0);
    }

    @Test
    void aMemberWhoJoinedLateCountsOnlyWhatCameAfterAndTheSearchAsksLittle() {
        for (int i = 1; i <= 1000; i++) {
            send("alice", "RC:TxtMsg", 1_000 + i);
        }
        joinedAt = 1_000 + 700;

        ConversationSummary group = bobsGroup();

        assertThat(group.unreadCount()).as("messages 700 to 1000").isEqualTo(301);
        assertThat(group.lastMessage().messageUid()).isEqualTo("UID-2000");
        assertThat(visibilityQuestions.get()).as("a binary search, not one question per message").isLessThan(40);
    }

    @Test
    void aGroupHiddenEntirelyIsNotListedAndEveryMessageCountsForAnOldMember() {
        for (int i = 1; i <= 300; i++) {
            send("alice", "RC:TxtMsg", 1_000 + i);
        }
        joinedAt = 5_000;
        assertThat(list.list("bob")).as("nothing the group shows him").isEmpty();

        joinedAt = 0;
        assertThat(bobsGroup().unreadCount()).isEqualTo(300);
    }

    @Test
    void aRecalledMessageIsListedAsItsNoteAndNotCountedAndACommandIsNeverShown() {
        send("alice", "RC:TxtMsg", 1_001);
        Message second = send("alice", "RC:TxtMsg", 1_002);
        send("alice", "RC:RcCmd", 1_003);
        send("alice", "Parley:ExpansionChange", 1_004);
        recalled.add(second.messageUid());

        ConversationSummary group = bobsGroup();

        assertThat(group.unreadCount()).isEqualTo(1);
        assertThat(group.lastMessage().objectName()).as("the recalled message, as its note").isEqualTo("RC:RcNtf");

        states.update("bob", ConversationType.GROUP, "g", state -> state.withReadTime(1_001));
        assertThat(bobsGroup().unreadCount()).isZero();
    }
}
