package io.parley.kernel.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parley.api.error.ImException;
import io.parley.api.model.ConversationKey;
import io.parley.api.model.ConversationType;
import io.parley.api.model.Message;
import io.parley.api.model.OutgoingMessage;
import io.parley.api.plugin.BusinessType;
import io.parley.api.plugin.Recipients;
import io.parley.api.storage.AppendRequest;
import io.parley.kernel.message.BusinessTypeRegistry;
import io.parley.kernel.message.MessageViews;
import io.parley.kernel.storage.memory.MemoryStorageProvider;
import io.parley.protocol.body.ConversationCursor;
import io.parley.protocol.body.SyncBody;
import io.parley.protocol.body.SyncResultBody;
import io.parley.protocol.body.WireMessage;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Conversation cursors of a read-diffusion type are served through its business type's readableKey and presentTo. */
class SyncServiceReadDiffusionTest {
    private static final int ULTRA = ConversationType.ULTRA_GROUP.code();

    /** Members "ann" and "ben" read "g1"; messages with seq 1 are hidden from ben; everything else is shown edited. */
    private static final class ReadDiffusion implements BusinessType {
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
                throw ImException.invalidParameter(userId + " is not a member");
            }
            return Optional.of(conversationKey(userId, targetId));
        }

        @Override
        public Optional<Message> presentTo(String userId, Message message) {
            if (userId.equals("ben") && message.seq() == 1) {
                return Optional.empty();
            }
            return Optional.of(new Message(message.conversation(), message.fromUserId(), message.targetId(),
                    message.objectName(), "{\"content\":\"edited\"}", message.pushContent(), message.pushData(),
                    message.persisted(), message.counted(), message.clientMsgId(), message.source(), message.seq(),
                    message.messageUid(), message.sentTime()));
        }
    }

    private final MemoryStorageProvider storage = new MemoryStorageProvider();
    private final SyncService sync = new SyncService(storage.messages(), MessageViews.none(),
            Clock.systemUTC(), Duration.ofDays(7), new BusinessTypeRegistry(List.of(new ReadDiffusion())), true);

    @AfterEach
    void close() {
        storage.close();
    }

    @Test
    void aMemberPullsTheLogByCursorAsItsBusinessTypePresentsIt() throws Exception {
        for (int i = 1; i <= 3; i++) {
            Message message = new Message(new ConversationKey(ConversationType.ULTRA_GROUP, "g1"), "ann", "g1",
                    "RC:TxtMsg", "{}", Optional.empty(), Optional.empty(), true, true, "c" + i, Optional.empty(), 0,
                    "UID-" + i, System.currentTimeMillis());
            storage.messages().append(new AppendRequest(message, List.of(), "ann:c" + i))
                    .toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
        SyncResultBody ann = pull("ann", 0);
        assertThat(ann.conversationMessages()).extracting(WireMessage::seq).containsExactly(1L, 2L, 3L);
        assertThat(ann.conversationMessages()).allSatisfy(m -> assertThat(m.content()).contains("edited"));
        assertThat(ann.conversationMessages()).allSatisfy(m -> assertThat(m.inboxSeq()).isZero());
        assertThat(ann.finished()).isTrue();
        assertThat(pull("ben", 0).conversationMessages()).extracting(WireMessage::seq).containsExactly(2L, 3L);
        assertThat(pull("ann", 2).conversationMessages()).extracting(WireMessage::seq).containsExactly(3L);
        assertThatThrownBy(() -> pull("eve", 0)).isInstanceOf(ImException.class);
        assertThatThrownBy(() -> sync.sync("ann", new SyncBody(null,
                List.of(new ConversationCursor(ConversationType.CHATROOM.code(), "room", 0)), 0)))
                .isInstanceOf(ImException.class).hasMessageContaining("not served");
    }

    private SyncResultBody pull(String user, long afterSeq) {
        return sync.sync(user, new SyncBody(null, List.of(new ConversationCursor(ULTRA, "g1", afterSeq)), 0));
    }
}
