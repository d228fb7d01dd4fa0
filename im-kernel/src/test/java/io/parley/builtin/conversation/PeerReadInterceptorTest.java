package io.parley.builtin.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.api.model.ConversationType;
import io.parley.api.model.OutgoingMessage;
import io.parley.kernel.config.MultiDevicePolicy;
import io.parley.kernel.session.SessionRegistry;
import io.parley.kernel.storage.memory.MemoryStorageProvider;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A private read receipt is kept as the other user's peer read time, for every device of theirs. */
class PeerReadInterceptorTest {
    private static final long NOW = 1_000_000;

    private final MemoryStorageProvider storage = new MemoryStorageProvider();
    private final ConversationStates states = new ConversationStates(storage.metadata(),
            new SessionRegistry(MultiDevicePolicy.UNLIMITED));
    private final PeerReadInterceptor interceptor = new PeerReadInterceptor(states,
            Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC));

    @AfterEach
    void close() throws Exception {
        storage.close();
    }

    private static OutgoingMessage message(ConversationType type, String from, String to, String objectName,
            String content) {
        return new OutgoingMessage(type, from, to, objectName, content, Optional.empty(), Optional.empty(), false,
                false, true, "c-" + System.nanoTime(), Optional.empty());
    }

    @Test
    void aReadReceiptMovesTheSendersPeerReadTimeForward() {
        interceptor.decide(message(ConversationType.PRIVATE, "bob", "alice", "RC:ReadNtf",
                "{\"lastMessageSendTime\":500,\"type\":1}"));
        interceptor.decide(message(ConversationType.PRIVATE, "bob", "alice", "RC:ReadNtf",
                "{\"lastMessageSendTime\":400,\"type\":1}"));

        assertThat(states.get("alice", ConversationType.PRIVATE, "bob").peerReadTime()).isEqualTo(500);
        assertThat(states.get("alice", ConversationType.PRIVATE, "bob").readTime()).isZero();
        assertThat(states.get("bob", ConversationType.PRIVATE, "alice")).isEqualTo(ConversationState.DEFAULT);
    }

    @Test
    void aReceiptFromTheFutureIsCappedAtNowAndOtherMessagesChangeNothing() {
        interceptor.decide(message(ConversationType.PRIVATE, "bob", "alice", "RC:ReadNtf",
                "{\"lastMessageSendTime\":" + (NOW * 10) + "}"));
        assertThat(states.get("alice", ConversationType.PRIVATE, "bob").peerReadTime()).isEqualTo(NOW);

        interceptor.decide(message(ConversationType.PRIVATE, "cy", "alice", "RC:TxtMsg",
                "{\"lastMessageSendTime\":5}"));
        interceptor.decide(message(ConversationType.GROUP, "cy", "g", "RC:ReadNtf", "{\"lastMessageSendTime\":5}"));
        interceptor.decide(message(ConversationType.PRIVATE, "cy", "alice", "RC:ReadNtf", "{}"));
        assertThat(states.get("alice", ConversationType.PRIVATE, "cy")).isEqualTo(ConversationState.DEFAULT);
        assertThat(states.get("g", ConversationType.GROUP, "cy")).isEqualTo(ConversationState.DEFAULT);
    }

    @Test
    void aStateStoredBeforePeerReadTimeExistedStillReads() {
        storage.metadata().put("kernel.conversations", "alice/1/bob",
                "{\"pinned\":true,\"unpushLevel\":1,\"readTime\":7,\"deletedTime\":3}");

        assertThat(states.get("alice", ConversationType.PRIVATE, "bob"))
                .isEqualTo(new ConversationState(true, 1, 7, 3, 0));
    }
}
