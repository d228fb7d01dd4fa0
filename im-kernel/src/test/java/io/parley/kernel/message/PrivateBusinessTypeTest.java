package io.parley.kernel.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parley.api.error.ImException;
import io.parley.api.model.ConversationType;
import io.parley.api.model.OutgoingMessage;
import io.parley.api.model.Platform;
import io.parley.kernel.storage.memory.MemoryStorageProvider;
import io.parley.kernel.user.PrivateChatBans;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PrivateBusinessTypeTest {
    private final MemoryStorageProvider storage = new MemoryStorageProvider();
    private final PrivateChatBans bans = new PrivateChatBans(storage.metadata());
    private final PrivateBusinessType privateChat = new PrivateBusinessType(bans);

    @AfterEach
    void close() {
        storage.close();
    }

    private static OutgoingMessage message(String from, String to, boolean includeSender) {
        return message(from, to, includeSender, Optional.empty());
    }

    private static OutgoingMessage message(String from, String to, boolean includeSender, Optional<Platform> source) {
        return new OutgoingMessage(ConversationType.PRIVATE, from, to, "RC:TxtMsg", "{\"content\":\"hi\"}",
                Optional.empty(), Optional.empty(), true, true, includeSender, "c1", source);
    }

    @Test
    void keyIsTheSameFromBothSides() {
        assertThat(privateChat.conversationKey("alice", "bob")).isEqualTo(privateChat.conversationKey("bob", "alice"));
        assertThat(privateChat.conversationKey("alice", "bob").type()).isEqualTo(ConversationType.PRIVATE);
        assertThat(privateChat.conversationKey("alice", "bob")).isNotEqualTo(privateChat.conversationKey("alice", "carol"));
    }

    @Test
    void recipientsAreTargetAndSenderWhenIncludeSender() {
        assertThat(privateChat.resolveRecipients(message("alice", "bob", true)).inboxOwners())
                .containsExactly("bob", "alice");
    }

    @Test
    void recipientsAreOnlyTargetWithoutIncludeSender() {
        assertThat(privateChat.resolveRecipients(message("alice", "bob", false)).inboxOwners())
                .containsExactly("bob");
    }

    @Test
    void messageToSelfListsTheUserOnce() {
        assertThat(privateChat.resolveRecipients(message("alice", "alice", true)).inboxOwners())
                .containsExactly("alice");
    }

    @Test
    void invalidTargetIdIsRefused() {
        assertThatThrownBy(() -> privateChat.resolveRecipients(message("alice", "bob smith!", true)))
                .isInstanceOf(ImException.class)
                .satisfies(e -> assertThat(((ImException) e).code()).isEqualTo(1002));
    }

    @Test
    void aBannedUsersDeviceMayNotSendButTheServerApiMaySendAsIt() {
        bans.ban("alice", 1L);
        assertThatThrownBy(() -> privateChat.resolveRecipients(message("alice", "bob", true, Optional.of(Platform.ANDROID))))
                .isInstanceOf(ImException.class)
                .satisfies(e -> assertThat(((ImException) e).code()).isEqualTo(20106));
        assertThat(privateChat.resolveRecipients(message("alice", "bob", true)).inboxOwners())
                .containsExactly("bob", "alice");
        assertThat(privateChat.resolveRecipients(message("bob", "alice", true, Optional.of(Platform.ANDROID)))
                .inboxOwners()).containsExactly("alice", "bob");

        bans.lift("alice");
        assertThat(privateChat.resolveRecipients(message("alice", "bob", true, Optional.of(Platform.ANDROID)))
                .inboxOwners()).containsExactly("bob", "alice");
    }
}
