package io.parley.builtin.conversation;

import io.parley.api.model.ConversationType;
import io.parley.api.model.Message;

/** One entry of a user's conversation list. */
public record ConversationSummary(ConversationType conversationType, String targetId, Message lastMessage,
        int unreadCount, int mentionCount, ConversationState state) {
}
