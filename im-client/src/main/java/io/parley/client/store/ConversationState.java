package io.parley.client.store;

/**
 * What the store keeps of a conversation besides its messages (the last message is looked up by its entry).
 *
 * @param lastEntry the entry ({@link MessageKeys}) of its newest message, or {@code ""}
 */
record ConversationState(String lastEntry, int unreadCount, int mentionCount, boolean mentionedAll, long readTime,
        String draft, boolean pinned, boolean muted) {
    static final ConversationState EMPTY = new ConversationState("", 0, 0, false, 0, "", false, false);

    ConversationState withLastEntry(String entry) {
        return new ConversationState(entry, unreadCount, mentionCount, mentionedAll, readTime, draft, pinned, muted);
    }

    ConversationState withUnread(int unread, int mentions, boolean all) {
        return new ConversationState(lastEntry, unread, mentions, all, readTime, draft, pinned, muted);
    }

    ConversationState withReadTime(long time) {
        return new ConversationState(lastEntry, unreadCount, mentionCount, mentionedAll, time, draft, pinned, muted);
    }

    ConversationState withDraft(String text) {
        return new ConversationState(lastEntry, unreadCount, mentionCount, mentionedAll, readTime, text, pinned, muted);
    }

    ConversationState withPinned(boolean value) {
        return new ConversationState(lastEntry, unreadCount, mentionCount, mentionedAll, readTime, draft, value, muted);
    }

    ConversationState withMuted(boolean value) {
        return new ConversationState(lastEntry, unreadCount, mentionCount, mentionedAll, readTime, draft, pinned, value);
    }
}
