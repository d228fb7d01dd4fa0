package io.parley.builtin.system;

import io.parley.api.error.ImException;
import io.parley.api.error.StandardErrorCode;
import io.parley.api.model.ConversationKey;
import io.parley.api.model.ConversationType;
import io.parley.api.model.OutgoingMessage;
import io.parley.api.model.UserId;
import io.parley.api.plugin.BusinessType;
import io.parley.api.plugin.Recipients;
import java.util.List;

/**
 * System conversations (type 6): notices from an app account to a user, sent only through the server API.
 * Each (account, user) pair is one conversation; only the user's inbox gets the message.
 */
public final class SystemBusinessType implements BusinessType {

    @Override
    public ConversationType conversationType() {
        return ConversationType.SYSTEM;
    }

    @Override
    public ConversationKey conversationKey(String fromUserId, String targetId) {
        return new ConversationKey(ConversationType.SYSTEM, fromUserId + ":" + targetId);
    }

    @Override
    public Recipients resolveRecipients(OutgoingMessage message) {
        if (!message.fromServerApi()) {
            throw new ImException(StandardErrorCode.MESSAGE_UNAUTHORIZED,
                    "system messages are sent through the server API only");
        }
        UserId.of(message.targetId());
        return new Recipients(List.of(message.targetId()));
    }

    /** The user a system conversation's key ({@code "<sender>:<user>"}) belongs to. */
    @Override
    public boolean mayRead(String userId, ConversationKey key) {
        int colon = key.id().lastIndexOf(':');
        return colon > 0 && key.id().substring(colon + 1).equals(userId);
    }

    @Override
    public io.parley.api.plugin.MemberPage members(ConversationKey key, String after, int limit) {
        return io.parley.api.plugin.MemberPage.of(List.of(owner(key)), after, limit);
    }

    private static String owner(ConversationKey key) {
        int colon = key.id().lastIndexOf(':');
        if (colon < 1 || colon == key.id().length() - 1) {
            throw ImException.invalidParameter("not a system conversation's key: " + key.id());
        }
        return key.id().substring(colon + 1);
    }
}
