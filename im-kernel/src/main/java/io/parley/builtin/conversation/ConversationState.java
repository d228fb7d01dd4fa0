package io.parley.builtin.conversation;

/**
 * One user's settings for one conversation.
 *
 * @param pinned shown on top of the list
 * @param unpushLevel RongCloud's do-not-disturb level: -1 all, 0 default, 1 mentions, 2 @me, 4 @all, 5 blocked
 * @param readTime messages sent at or before this time (ms) are read
 * @param deletedTime messages sent at or before this time are hidden from the list (the conversation was deleted)
 * @param peerReadTime private chats: the other user's read receipt ({@code RC:ReadNtf}): this user's messages sent
 *     at or before this time have been read by them; 0 if none. Kept so that every device of this user, including
 *     one that connects later, shows them as read
 */
public record ConversationState(boolean pinned, int unpushLevel, long readTime, long deletedTime, long peerReadTime) {
    public static final ConversationState DEFAULT = new ConversationState(false, 0, 0, 0, 0);

    public ConversationState(boolean pinned, int unpushLevel, long readTime, long deletedTime) {
        this(pinned, unpushLevel, readTime, deletedTime, 0);
    }

    public ConversationState withPinned(boolean value) {
        return new ConversationState(value, unpushLevel, readTime, deletedTime, peerReadTime);
    }

    public ConversationState withUnpushLevel(int value) {
        return new ConversationState(pinned, value, readTime, deletedTime, peerReadTime);
    }

    public ConversationState withReadTime(long value) {
        return new ConversationState(pinned, unpushLevel, Math.max(readTime, value), deletedTime, peerReadTime);
    }

    public ConversationState withDeletedTime(long value) {
        return new ConversationState(pinned, unpushLevel, Math.max(readTime, value), Math.max(deletedTime, value),
                peerReadTime);
    }

    /** The other user's read receipt moved to {@code value} (it never moves back). */
    public ConversationState withPeerReadTime(long value) {
        return new ConversationState(pinned, unpushLevel, readTime, deletedTime, Math.max(peerReadTime, value));
    }
}
