package io.parley.client.store;

import java.util.Optional;

/**
 * A conversation of the list kept on the device.
 *
 * @param id the conversation
 * @param lastMessage its newest stored message, if any is left
 * @param unreadCount counted messages of others sent after {@code readTime}
 * @param mentionCount of those, the ones that mention this user or everyone
 * @param mentionedAll whether one of those mentions everyone ({@code @all})
 * @param readTime this user's read position, epoch ms (messages sent at or before it are read)
 * @param draft the draft the app saved, or {@code ""}
 * @param pinned whether it is pinned to the top of the list
 * @param muted whether notifications are off for it (do not disturb)
 */
public record StoredConversation(ConversationId id, Optional<StoredMessage> lastMessage, int unreadCount,
        int mentionCount, boolean mentionedAll, long readTime, String draft, boolean pinned, boolean muted) {

    /** The time that orders the list: the last message's, or 0. */
    public long lastTime() {
        return lastMessage.map(StoredMessage::sentTime).orElse(0L);
    }
}
