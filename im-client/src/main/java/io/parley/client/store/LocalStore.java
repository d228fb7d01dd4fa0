package io.parley.client.store;

import io.parley.client.CursorStore;
import io.parley.client.DeviceMessageStore;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The messages of one user of one app, kept on the device: the conversation list, each conversation's history,
 * search, and the sync cursors (it is the client's {@link CursorStore} too, so that messages and cursors are saved
 * together). Set it with {@code ImClientBuilder.localStore(...)}; make one with {@link LocalStores}.
 *
 * <p>The client writes to it on its callback thread, before the listeners see a batch: {@link #received} (the
 * batch's messages and cursor, in one commit), {@link #eventReceived} ({@code conversation.changed}: read position,
 * pin, mute) and the cursor methods. The app may read and make its own changes from any thread; every method is
 * thread-safe and may block briefly on disk I/O, so call it off a UI thread. If a write fails, the batch's cursor is
 * not saved either: after a restart the client pulls the batch again.
 *
 * <p>Search follows in the background: a write keeps the messages, the conversations and the cursor in its commit
 * with a note of what to index, and the store's own thread (the indexer) indexes the notes in batches, one commit
 * each, so that a batch costs the callback thread little. A message is searchable shortly after it is stored
 * (typically within tens to a few hundred milliseconds; after a first sync of thousands of messages, within
 * several seconds); until then a search does not find it by its words (a search without words, by conversation, sender or
 * time, does).
 * Messages stored but not yet indexed when the app stops or crashes are indexed after the next open.
 * {@link #awaitIndexed} waits for the indexer.
 *
 * <p>What is kept: stored messages of private chats, groups, system conversations and ultragroup channels (those
 * delivered to this device or fetched through its history). Not kept: chatroom messages, status messages (typing,
 * receipts), plugins' notices, and the commands that change other messages (a recall, an expansion change, an
 * ultragroup edit), which are applied to the message they name instead.
 */
public interface LocalStore extends DeviceMessageStore, AutoCloseable {

    /** The app this store belongs to. */
    String appKey();

    /** The user this store belongs to. */
    String userId();

    /** Messages fetched from the server's history (an ultragroup channel's): kept, never counted as unread. */
    void fetched(List<StoredMessage> messages);

    /** The conversations with something kept, pinned first, then newest first. */
    List<StoredConversation> conversations();

    Optional<StoredConversation> conversation(ConversationId id);

    /** The newest {@code limit} messages of a conversation, newest first. */
    List<StoredMessage> history(ConversationId id, int limit);

    /** The {@code limit} messages of a conversation older than {@code oldestShown}, newest first. */
    List<StoredMessage> historyBefore(ConversationId id, StoredMessage oldestShown, int limit);

    Optional<StoredMessage> message(String messageUid);

    /**
     * A page of the messages that match, newest first (see {@link SearchQuery}), among those indexed: a message
     * stored a moment ago may not be found by its words yet ({@link #awaitIndexed}).
     */
    SearchPage search(SearchQuery query);

    /**
     * Waits until every message stored before the call is indexed for search; false if {@code timeout} passed first.
     *
     * @throws IllegalStateException the store is closed (or closes while waiting)
     */
    boolean awaitIndexed(Duration timeout) throws InterruptedException;

    /** Messages sent at or before {@code upToTime} are read: the unread and mention counts drop accordingly. */
    void markRead(ConversationId id, long upToTime);

    void setDraft(ConversationId id, String draft);

    void setPinned(ConversationId id, boolean pinned);

    void setMuted(ConversationId id, boolean muted);

    /** Removes one message from this device; false when it was not kept. */
    boolean deleteMessage(String messageUid);

    /** Removes a conversation and its messages from this device. */
    void deleteConversation(ConversationId id);

    /** Closes the store; it can be opened again. */
    @Override
    void close();
}
