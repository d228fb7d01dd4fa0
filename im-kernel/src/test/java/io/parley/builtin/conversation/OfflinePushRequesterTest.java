package io.parley.builtin.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.parley.api.event.PushRequested;
import io.parley.api.model.ConversationKey;
import io.parley.api.model.ConversationType;
import io.parley.api.model.Message;
import io.parley.api.storage.AppendRequest;
import io.parley.api.plugin.ConversationService;
import io.parley.api.plugin.MemberPage;
import io.parley.kernel.config.MultiDevicePolicy;
import io.parley.kernel.metrics.MicrometerPluginMetrics;
import io.parley.kernel.session.SessionRegistry;
import io.parley.kernel.storage.memory.MemoryStorageProvider;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OfflinePushRequesterTest {
    private final MemoryStorageProvider storage = new MemoryStorageProvider();
    private final SessionRegistry sessions = new SessionRegistry(MultiDevicePolicy.ONE_PER_PLATFORM);
    private final ConversationStates states = new ConversationStates(storage.metadata(), sessions);
    private final List<PushRequested> requested = new CopyOnWriteArrayList<>();
    /** The aliases the kernel would answer ({@code PushAliases}: remarks), by "recipient/sender". */
    private final Map<String, String> aliases = new java.util.concurrent.ConcurrentHashMap<>();
    private final OfflinePushRequester requester = new OfflinePushRequester(states,
            new ConversationListService(storage.messages(), states, new Conversations(), Clock.systemUTC(),
                    Duration.ofDays(7)),
            requested::add, () -> true,
            (recipient, message) -> aliases.getOrDefault(recipient + "/" + message.fromUserId(), ""),
            Clock.systemUTC(), new MicrometerPluginMetrics(new SimpleMeterRegistry()));

    /** The kernel's conversation service as far as the list asks it: messages as stored, no groups followed. */
    private static final class Conversations implements ConversationService {
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
            return stored;
        }

        @Override
        public Optional<Message> presentTo(String userId, Message stored) {
            return Optional.of(stored);
        }

        @Override
        public List<String> followedBy(String userId, ConversationType type) {
            return List.of();
        }

        @Override
        public CompletionStage<Message> notify(ConversationKey conversation, String name, String content) {
            throw new UnsupportedOperationException();
        }
    }

    @AfterEach
    void close() {
        requester.close();
        storage.close();
    }

    private static Message message(ConversationType type, String target, long seq, boolean counted, String content) {
        ConversationKey key = new ConversationKey(type, type == ConversationType.PRIVATE ? "alice:bob" : target);
        return new Message(key, "alice", target, "RC:TxtMsg", content, Optional.empty(), Optional.empty(), true,
                counted, java.util.UUID.randomUUID().toString(), Optional.empty(), seq, "UID-" + java.util.UUID.randomUUID(),
                System.currentTimeMillis());
    }

    private Message store(Message draft, List<String> owners) {
        return storage.messages().append(new AppendRequest(draft, owners, draft.clientMsgId())).toCompletableFuture()
                .join().message();
    }

    @Test
    void asksForAPushWithTheDoNotDisturbLevelTheMentionAndTheUnreadTotal() {
        store(message(ConversationType.PRIVATE, "bob", 0, true, "{\"content\":\"one\"}"), List.of("alice", "bob"));
        Message second = store(message(ConversationType.PRIVATE, "bob", 0, true,
                "{\"content\":\"two\",\"mentionedInfo\":{\"type\":2,\"userIdList\":[\"bob\"]}}"), List.of("alice", "bob"));
        states.update("bob", ConversationType.PRIVATE, "alice", state -> state.withUnpushLevel(1));

        requester.offline(second, List.of("alice", "bob"));

        await().atMost(Duration.ofSeconds(10)).until(() -> requested.size() == 1);
        PushRequested push = requested.get(0);
        assertThat(push.recipient()).isEqualTo("bob");
        assertThat(push.message()).isEqualTo(second);
        assertThat(push.unpushLevel()).isEqualTo(1);
        assertThat(push.mentioned()).as("mentioned in %s", push.message().content()).isTrue();
        assertThat(push.badge()).isEqualTo(2);
        assertThat(push.channelId()).isEmpty();
        assertThat(push.senderAlias()).as("no remark, no alias").isEmpty();
    }

    @Test
    void eachRequestCarriesTheNameTheSenderGoesByForItsRecipient() {
        aliases.put("bob/alice", "Sis");
        aliases.put("carol/alice", "Captain Alice");
        Message inGroup = store(message(ConversationType.GROUP, "g", 0, true, "{}"), List.of("alice", "bob", "carol"));
        Message inPrivate = store(message(ConversationType.PRIVATE, "carol", 0, true, "{}"), List.of("alice", "carol"));

        requester.offline(inGroup, List.of("bob", "carol"));
        requester.offline(inPrivate, List.of("carol"));

        await().atMost(Duration.ofSeconds(10)).until(() -> requested.size() == 3);
        assertThat(requested).extracting(push -> push.recipient() + "/" + push.message().conversationType() + ": "
                + push.senderAlias())
                .containsExactly("bob/GROUP: Sis", "carol/GROUP: Captain Alice", "carol/PRIVATE: Captain Alice");
    }

    @Test
    void onlyStoredCountedPrivateGroupAndSystemMessagesArePushed() {
        assertThat(OfflinePushRequester.pushable(message(ConversationType.PRIVATE, "bob", 1, true, "{}"))).isTrue();
        assertThat(OfflinePushRequester.pushable(message(ConversationType.GROUP, "g", 1, true, "{}"))).isTrue();
        assertThat(OfflinePushRequester.pushable(message(ConversationType.SYSTEM, "bob", 1, true, "{}"))).isTrue();
        assertThat(OfflinePushRequester.pushable(message(ConversationType.CHATROOM, "room", 1, true, "{}"))).isFalse();
        assertThat(OfflinePushRequester.pushable(message(ConversationType.ULTRA_GROUP, "ug", 1, true, "{}"))).isFalse();
        // a status message has no seq; an uncounted one is not worth a notification
        assertThat(OfflinePushRequester.pushable(message(ConversationType.PRIVATE, "bob", 0, true, "{}"))).isFalse();
        assertThat(OfflinePushRequester.pushable(message(ConversationType.PRIVATE, "bob", 1, false, "{}"))).isFalse();

        requester.offline(message(ConversationType.CHATROOM, "room", 1, true, "{}"), List.of("bob"));
        Message fromGroup = store(message(ConversationType.GROUP, "g", 0, true, "{}"), List.of("alice", "bob"));
        requester.offline(fromGroup, List.of("alice", "bob"));
        await().atMost(Duration.ofSeconds(10)).until(() -> requested.size() == 1);
        assertThat(requested).extracting(PushRequested::recipient).containsExactly("bob");
    }
}
