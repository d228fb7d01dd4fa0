package io.parley.client;

import java.util.Map;

/**
 * Where a device keeps its inbox cursor (the last inbox seq its listeners have processed) across process
 * restarts. Apps that persist messages should persist the cursor in the same place (same transaction if
 * they can), so that after a restart the client syncs exactly what the app has not yet stored.
 *
 * <p>{@link #load()} is called once, on the thread that first calls {@link ImClient#connect()}.
 * {@link #save(long)} is called on the client's callback thread, after the message listeners have returned
 * for every message up to that cursor; it may block briefly (it delays the next callbacks), and an exception
 * is logged and ignored. Cursors passed to {@code save} only grow.
 */
public interface CursorStore {
    /** The saved cursor, or 0 when this device has never received anything. */
    long load();

    /** Records that every inbox message up to {@code inboxCursor} has been processed. */
    void save(long inboxCursor);

    /**
     * The saved cursors of the group conversations this device follows (groups are read from their logs, one
     * cursor each), by {@code "<conversationType>/<targetId>"}. Called once, with {@link #load()}. The default:
     * none (every group is pulled from 0, which the server serves from the member's join time on).
     */
    default Map<String, Long> loadConversations() {
        return Map.of();
    }

    /**
     * Records that every message of a group conversation up to {@code seq} has been processed. Called on the
     * callback thread, like {@link #save(long)}; seqs passed for one conversation only grow.
     */
    default void saveConversation(String conversation, long seq) {
    }

    /** Forgets a group conversation's cursor: the user is no longer a member. Callback thread. */
    default void forgetConversation(String conversation) {
    }

    /** A store that keeps the cursor in memory only: a new process starts from 0 (a full sync). */
    static CursorStore inMemory() {
        return new InMemoryCursorStore(0);
    }

    /** An in-memory store starting at {@code initialCursor}. */
    static CursorStore inMemory(long initialCursor) {
        return new InMemoryCursorStore(initialCursor);
    }
}
