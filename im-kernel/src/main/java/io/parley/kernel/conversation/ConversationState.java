package io.parley.kernel.conversation;

/**
 * One user's settings for one conversation.
 *
 * @param pinned shown on top of the list
 * @param unpushLevel RongCloud's do-not-disturb level: -1 all, 0 default, 1 mentions, 2 @me, 4 @all, 5 blocked
 * @param readTime messages sent at or before this time (ms) are read
 * @param deletedTime messages sent at or before this time are hidden from the list (the conversation was deleted)
 */
public record ConversationState(boolean pinned, int unpushLevel, long readTime, long deletedTime) {
    public static final ConversationState DEFAULT = new ConversationState(false, 0, 0, 0);

    public ConversationState withPinned(boolean value) {
        return new ConversationState(value, unpushLevel, readTime, deletedTime);
    }

    public ConversationState withUnpushLevel(int value) {
        return new ConversationState(pinned, value, readTime, deletedTime);
    }

    public ConversationState withReadTime(long value) {
        return new ConversationState(pinned, unpushLevel, Math.max(readTime, value), deletedTime);
    }

    public ConversationState withDeletedTime(long value) {
        return new ConversationState(pinned, unpushLevel, Math.max(readTime, value), Math.max(deletedTime, value));
    }
}
