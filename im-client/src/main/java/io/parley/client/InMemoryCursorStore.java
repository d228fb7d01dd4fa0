package io.parley.client;

import java.util.concurrent.atomic.AtomicLong;

/** {@link CursorStore#inMemory()}: an {@link AtomicLong}. Thread-safe. */
final class InMemoryCursorStore implements CursorStore {
    private final AtomicLong cursor;

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
    public String toString() {
        return "InMemoryCursorStore[" + cursor.get() + "]";
    }
}
