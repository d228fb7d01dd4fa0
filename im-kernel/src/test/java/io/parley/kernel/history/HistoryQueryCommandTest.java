package io.parley.kernel.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parley.api.error.ImException;
import io.parley.api.error.StandardErrorCode;
import io.parley.api.model.ConversationKey;
import io.parley.api.model.ConversationType;
import io.parley.api.model.Message;
import io.parley.api.model.OutgoingMessage;
import io.parley.api.plugin.BusinessType;
import io.parley.api.plugin.Recipients;
import io.parley.api.route.ClientCommand.Caller;
import io.parley.api.storage.AppendRequest;
import io.parley.api.storage.StorageCapability;
import io.parley.kernel.access.ConversationAccess;
import io.parley.kernel.message.BusinessTypeRegistry;
import io.parley.kernel.recall.RecallMarks;
import io.parley.kernel.storage.memory.MemoryStorageProvider;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HistoryQueryCommandTest {
    /**
     * A read-diffusion type the kernel does not know: "ann" and "ben" may read "town:news" (stored under that
     * key); anyone else is refused with the type's own code; ben does not see seq 1, and every message is shown
     * with its content edited.
     */
    private static final class Channels implements BusinessType {
        static final ImException STRANGER = new ImException(StandardErrorCode.FORBIDDEN_IN_GROUP, "not a member");

        @Override
        public ConversationType conversationType() {
            return ConversationType.ULTRA_GROUP;
        }

        @Override
        public ConversationKey conversationKey(String fromUserId, String targetId) {
            return new ConversationKey(ConversationType.ULTRA_GROUP, targetId);
        }

        @Override
        public Recipients resolveRecipients(OutgoingMessage message) {
            return new Recipients(List.of());
        }

        @Override
        public Optional<ConversationKey> readableKey(String userId, String targetId) {
            if (!List.of("ann", "ben").contains(userId)) {
                throw STRANGER;
            }
            return Optional.of(conversationKey(userId, targetId));
        }

        @Override
        public Optional<Message> presentTo(String userId, Message message) {
            if (userId.equals("ben") && message.seq() == 1) {
                return Optional.empty();
            }
            return Optional.of(new Message(message.conversation(), message.fromUserId(), message.targetId(),
                    message.objectName(), "{\"edited\":" + message.seq() + "}", message.pushContent(),
                    message.pushData(), message.persisted(), message.counted(), message.clientMsgId(),
                    message.source(), message.seq(), message.messageUid(), message.sentTime()));
        }
    }

    /**
     * The group type as the group plugin serves it, for one group "g": its members (by join time) read it, others are
     * refused with NOT_IN_GROUP, and a member sees what was sent from their join on unless history before joining is on.
     */
    private static final class Groups implements BusinessType {
        final Map<String, Long> joined = new ConcurrentHashMap<>();
        private final boolean historyBeforeJoin;

        Groups(boolean historyBeforeJoin) {
            this.historyBeforeJoin = historyBeforeJoin;
        }

        @Override
        public ConversationType conversationType() {
            return ConversationType.GROUP;
        }

        @Override
        public ConversationKey conversationKey(String fromUserId, String targetId) {
            return new ConversationKey(ConversationType.GROUP, targetId);
        }

        @Override
        public Recipients resolveRecipients(OutgoingMessage message) {
            return Recipients.readers(List.copyOf(joined.keySet()));
        }

        @Override
        public Optional<ConversationKey> readableKey(String userId, String targetId) {
            if (!joined.containsKey(userId)) {
                throw new ImException(StandardErrorCode.NOT_IN_GROUP, userId + " is not a member");
            }
            return Optional.of(conversationKey(userId, targetId));
        }

        @Override
        public Optional<Message> presentTo(String userId, Message message) {
            return historyBeforeJoin || message.sentTime() >= joined.getOrDefault(userId, Long.MAX_VALUE)
                    ? Optional.of(message) : Optional.empty();
        }
    }

    private final MemoryStorageProvider storage = new MemoryStorageProvider();
    private final Groups groups = new Groups(false);
    private final HistoryQueryCommand command = command(storage, groups);

    private HistoryQueryCommand command(MemoryStorageProvider provider, Groups groupType) {
        BusinessTypeRegistry types = new BusinessTypeRegistry(List.of(new Channels(), groupType));
        return new HistoryQueryCommand(provider.messages(), new ConversationAccess(provider.messages(), types),
                new RecallMarks(provider.metadata()), types);
    }

    private void send(String from, String to, long sentTime) {
        append(ConversationKey.privateChat(from, to), from, to, sentTime);
    }

    private void sendToGroup(String from, String groupId, long sentTime) {
        append(new ConversationKey(ConversationType.GROUP, groupId), from, groupId, sentTime);
    }

    private void append(ConversationKey chat, String from, String to, long sentTime) {
        Message message = new Message(chat, from, to, "RC:TxtMsg", "{\"t\":" + sentTime + "}", Optional.empty(),
                Optional.empty(), true, true, "c" + sentTime, Optional.empty(), 0, "U" + sentTime, sentTime);
        storage.messages().append(new AppendRequest(message, List.of(from), from + sentTime)).toCompletableFuture()
                .join();
    }

    @SuppressWarnings("unchecked")
    private static List<Long> seqs(Map<String, Object> answer) {
        return ((List<Map<String, Object>>) answer.get("messages")).stream().map(m -> (Long) m.get("seq")).toList();
    }

    @Test
    void aUserReadsOnlyConversationsItIsIn() {
        send("amy", "bo", 1000);
        send("bo", "amy", 2000);
        send("amy", "cy", 3000);
        Map<String, Object> bo = command.handle(new Caller("bo", "d", "s", io.parley.api.model.Platform.ANDROID), Map.of("conversationType", 1, "targetId", "amy"));
        assertThat(seqs(bo)).containsExactly(2L, 1L);
        assertThat(bo.get("hasMore")).isEqualTo(false);
        @SuppressWarnings("unchecked")
        Map<String, Object> first = ((List<Map<String, Object>>) bo.get("messages")).get(1);
        assertThat(first).containsEntry("targetId", "amy").containsEntry("fromUserId", "amy").containsEntry("sentTime", 1000L);
        Map<String, Object> cy = command.handle(new Caller("cy", "d", "s", io.parley.api.model.Platform.ANDROID), Map.of("conversationType", 1, "targetId", "bo"));
        assertThat(seqs(cy)).as("cy asking for bo gets the cy:bo chat, not amy's").isEmpty();
        assertThat(seqs(command.handle(new Caller("bo", "d", "s", io.parley.api.model.Platform.ANDROID),
                Map.of("conversationType", 1, "targetId", "amy", "beforeTime", 2000L)))).containsExactly(1L);
    }

    @Test
    void aGroupIsReadByMembersOnlyFromTheirJoinUnlessHistoryBeforeJoiningIsOn() {
        groups.joined.put("amy", 0L);
        sendToGroup("amy", "g", 1000);
        groups.joined.put("bo", 1500L);
        sendToGroup("amy", "g", 2000);
        Caller bo = new Caller("bo", "d", "s", io.parley.api.model.Platform.ANDROID);
        Map<String, Object> groupQuery = Map.of("conversationType", 3, "targetId", "g");
        Map<String, Object> fromJoin = command.handle(bo, groupQuery);
        assertThat(seqs(fromJoin)).containsExactly(2L);
        assertThat(fromJoin.get("hasMore")).isEqualTo(false);
        Groups showingHistory = new Groups(true);
        showingHistory.joined.putAll(groups.joined);
        assertThat(seqs(command(storage, showingHistory).handle(bo, groupQuery))).containsExactly(2L, 1L);
        assertThatThrownBy(() -> command.handle(new Caller("cy", "d", "s", io.parley.api.model.Platform.ANDROID), groupQuery))
                .isInstanceOfSatisfying(ImException.class, e -> assertThat(e.errorCode())
                        .isEqualTo(StandardErrorCode.NOT_IN_GROUP));
    }

    @SuppressWarnings("unchecked")
    private static List<Object> contents(Map<String, Object> answer) {
        return ((List<Map<String, Object>>) answer.get("messages")).stream().map(m -> m.get("content")).toList();
    }

    @Test
    @SuppressWarnings("unchecked")
    void anotherTypeIsServedThroughItsBusinessTypesReadableKeyAndPresentation() {
        ConversationKey news = new ConversationKey(ConversationType.ULTRA_GROUP, "town:news");
        for (long sentTime = 1000; sentTime <= 3000; sentTime += 1000) {
            append(news, "ann", "town:news", sentTime);
        }
        Map<String, Object> query = Map.of("conversationType", 10, "targetId", "town:news", "limit", 2);
        Map<String, Object> ann = command.handle(new Caller("ann", "d", "s", io.parley.api.model.Platform.ANDROID), query);
        assertThat(seqs(ann)).containsExactly(3L, 2L);
        assertThat(contents(ann)).containsExactly("{\"edited\":3}", "{\"edited\":2}");
        assertThat(ann.get("hasMore")).isEqualTo(true);
        assertThat(((List<Map<String, Object>>) ann.get("messages")).get(0))
                .containsEntry("conversationType", 10).containsEntry("targetId", "town:news");

        // what the type hides from a reader is neither shown nor announced as more
        Map<String, Object> ben = command.handle(new Caller("ben", "d", "s", io.parley.api.model.Platform.ANDROID), query);
        assertThat(seqs(ben)).containsExactly(3L, 2L);
        assertThat(ben.get("hasMore")).isEqualTo(false);
        assertThat(seqs(command.handle(new Caller("ben", "d", "s", io.parley.api.model.Platform.ANDROID), Map.of("conversationType", 10,
                "targetId", "town:news", "beforeSeq", 2)))).isEmpty();
        assertThat(seqs(command.handle(new Caller("ann", "d", "s", io.parley.api.model.Platform.ANDROID), Map.of("conversationType", 10,
                "targetId", "town:news", "beforeTime", 2500L)))).containsExactly(2L, 1L);

        assertThatThrownBy(() -> command.handle(new Caller("cy", "d", "s", io.parley.api.model.Platform.ANDROID), query))
                .as("the type's own refusal reaches the caller").isSameAs(Channels.STRANGER);
    }

    @Test
    void refusesBadRequestsAndWeakStores() {
        Caller caller = new Caller("bo", "d", "s", io.parley.api.model.Platform.ANDROID);
        assertThatThrownBy(() -> command.handle(caller, Map.of("conversationType", 4, "targetId", "room")))
                .isInstanceOfSatisfying(ImException.class, e -> assertThat(e.errorCode())
                        .isEqualTo(StandardErrorCode.UNSUPPORTED_CONVERSATION_TYPE));
        assertThatThrownBy(() -> command.handle(caller, Map.of("conversationType", 1, "targetId", "amy", "limit", 0)))
                .isInstanceOf(ImException.class).hasMessageContaining("limit");
        assertThatThrownBy(() -> command.handle(caller, Map.of("conversationType", 1)))
                .isInstanceOf(ImException.class).hasMessageContaining("targetId");
        HistoryQueryCommand weak = command(new MemoryStorageProvider(Set.of()), groups);
        assertThatThrownBy(() -> weak.handle(caller, Map.of("conversationType", 1, "targetId", "amy", "beforeTime", 5L)))
                .isInstanceOfSatisfying(ImException.class, e -> assertThat(e.errorCode())
                        .isEqualTo(StandardErrorCode.CAPABILITY_NOT_SUPPORTED));
    }
}
