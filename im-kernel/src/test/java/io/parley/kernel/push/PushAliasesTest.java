package io.parley.kernel.push;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.api.model.ConversationKey;
import io.parley.api.model.ConversationType;
import io.parley.api.model.Message;
import io.parley.api.model.OutgoingMessage;
import io.parley.api.plugin.BusinessType;
import io.parley.api.plugin.Recipients;
import io.parley.kernel.message.BusinessTypeRegistry;
import io.parley.kernel.storage.memory.MemoryStorageProvider;
import io.parley.kernel.user.UserRemarks;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The name a push shows for a sender: the recipient's remark for them, else the alias the conversation's business
 * type gives them (a group's push alias), else none.
 */
class PushAliasesTest {
    private final MemoryStorageProvider storage = new MemoryStorageProvider();
    private final UserRemarks userRemarks = new UserRemarks(storage.metadata());
    /** The group type's push aliases, by "sender/group", as the group plugin keeps them. */
    private final Map<String, String> groupAliases = new ConcurrentHashMap<>();
    private final BusinessType groups = new BusinessType() {
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
            return Recipients.readers(List.of());
        }

        @Override
        public Optional<String> senderAlias(String senderId, String targetId) {
            return Optional.ofNullable(groupAliases.get(senderId + "/" + targetId));
        }
    };
    private final PushAliases aliases = new PushAliases(userRemarks, new BusinessTypeRegistry(List.of(groups)));

    @AfterEach
    void close() {
        storage.close();
    }

    private static Message from(String sender, ConversationType type, String target) {
        ConversationKey key = new ConversationKey(type, type == ConversationType.PRIVATE ? sender + ":" + target : target);
        return new Message(key, sender, target, "RC:TxtMsg", "{}", Optional.empty(), Optional.empty(), true, true,
                "c-" + System.nanoTime(), Optional.empty(), 1, "UID-" + System.nanoTime(), System.currentTimeMillis());
    }

    @Test
    void theSenderGoesByTheRecipientsRemarkForItElseByItsAliasInTheGroup() {
        groupAliases.put("alice/g", "Captain Alice");
        userRemarks.set("bob", "alice", "Sis");

        assertThat(aliases.senderAlias("bob", from("alice", ConversationType.GROUP, "g"))).isEqualTo("Sis");
        assertThat(aliases.senderAlias("carol", from("alice", ConversationType.GROUP, "g"))).isEqualTo("Captain Alice");
        assertThat(aliases.senderAlias("carol", from("alice", ConversationType.GROUP, "other"))).isEmpty();
        assertThat(aliases.senderAlias("carol", from("alice", ConversationType.PRIVATE, "carol"))).isEmpty();
    }
}
