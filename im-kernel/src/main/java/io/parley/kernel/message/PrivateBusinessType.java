package io.parley.kernel.message;

import static java.util.Objects.requireNonNull;

import io.parley.api.error.ImException;
import io.parley.api.error.StandardErrorCode;
import io.parley.api.model.ConversationKey;
import io.parley.api.model.ConversationType;
import io.parley.api.model.OutgoingMessage;
import io.parley.api.model.UserId;
import io.parley.api.plugin.BusinessType;
import io.parley.api.plugin.Recipients;
import io.parley.kernel.user.PrivateChatBans;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;

/**
 * One-to-one chat, built into the kernel on the same SPI as plugins. Both parties share one conversation
 * log; the message goes to the recipient's inbox and, when {@code includeSender} is set (always, for client
 * sends), to the sender's own inbox so that the sender's other devices get it. A device of a user banned from
 * private chats ({@code /user/chat/fb/set.json}) may not send ({@code FORBIDDEN_IN_PRIVATE}, 20106); the server
 * API may send as anyone.
 */
public final class PrivateBusinessType implements BusinessType {
    private final PrivateChatBans bans;

    @Inject
    public PrivateBusinessType(PrivateChatBans bans) {
        this.bans = requireNonNull(bans, "bans is null");
    }

    @Override
    public ConversationType conversationType() {
        return ConversationType.PRIVATE;
    }

    @Override
    public ConversationKey conversationKey(String fromUserId, String targetId) {
        return ConversationKey.privateChat(fromUserId, targetId);
    }

    @Override
    public Recipients resolveRecipients(OutgoingMessage message) {
        UserId.of(message.targetId());
        if (!message.fromServerApi() && bans.isBanned(message.fromUserId())) {
            throw new ImException(StandardErrorCode.FORBIDDEN_IN_PRIVATE,
                    message.fromUserId() + " is banned from sending private messages");
        }
        List<String> owners = new ArrayList<>();
        owners.add(message.targetId());
        if (message.includeSender() && !message.fromUserId().equals(message.targetId())) {
            owners.add(message.fromUserId());
        }
        return new Recipients(owners);
    }

    /** One of the two users the key names. */
    @Override
    public boolean mayRead(String userId, ConversationKey key) {
        String id = key.id();
        int colon = id.indexOf(':');
        return colon > 0 && (id.substring(0, colon).equals(userId) || id.substring(colon + 1).equals(userId));
    }

    @Override
    public io.parley.api.plugin.MemberPage members(ConversationKey key, String after, int limit) {
        return io.parley.api.plugin.MemberPage.of(pair(key), after, limit);
    }

    /** The two users of a private chat's key ({@code "amy:bo"}), in order. */
    private static List<String> pair(ConversationKey key) {
        int colon = key.id().indexOf(':');
        if (colon < 1 || colon == key.id().length() - 1) {
            throw ImException.invalidParameter("not a private chat's key: " + key.id());
        }
        return List.of(key.id().substring(0, colon), key.id().substring(colon + 1));
    }
}
