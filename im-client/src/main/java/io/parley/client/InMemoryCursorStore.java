package io.parley.client;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** {@link CursorStore#inMemory()}: an {@link AtomicLong} and a map of group cursors. Thread-safe. */
final class InMemoryCursorStore implements CursorStore {
    private final AtomicLong cursor;
    private final Map<String, Long> conversations = new ConcurrentHashMap<>();

    InMemoryCursorStore(long initialCursor) {
        if (initialCursor < 0) {
            throw new IllegalArgumentException("initialCursor must be >= 0: " + initialCursor);
        }
        this.cursor = new AtomicLong(initialCursor);
    }

    @Override
    public long load() {
        return cursor.get();
    }

    @Override
    public void save(long inboxCursor) {
        cursor.accumulateAndGet(inboxCursor, Math::max);
    }

    @Override
    public Map<String, Long> loadConversations() {
        return Map.copyOf(conversations);
    }

    @Override
    public void saveConversation(String conversation, long seq) {
        conversations.merge(conversation, seq, Math::max);
    }

    @Override
    public void forgetConversation(String conversation) {
        conversations.remove(conversation);
    }

    @Override
    public String toString() {
        return "InMemoryCursorStore[" + cursor.get() + "]";
    }
}
