package io.parley.api.storage;

import io.parley.api.model.ConversationKey;
import io.parley.api.model.Message;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Conversation logs and inboxes. Thread-safe: called from many threads at once.
 *
 * <p>Ordering contract: appends submitted by one thread are given seqs in the order of submission, so a
 * caller that serialises one conversation's appends (the kernel does, per stripe) gets that order.
 */
public interface MessageStore {

    /**
     * Commits one message. Returns at once; the stage completes only once the message, its conversation
     * seq and its inbox entries are durable (per the provider's durability setting), and completes
     * exceptionally with an {@code ImException} if the write failed. Never blocks the caller.
     */
    CompletionStage<AppendResult> append(AppendRequest request);

    /**
     * Reads up to {@code limit} entries of {@code userId}'s inbox with a seq above {@code afterSeq}, leaving
     * out those sent before {@code notBeforeMillis}. May block on I/O; never call it on an event loop.
     */
    InboxPage readInbox(String userId, long afterSeq, int limit, long notBeforeMillis);

    /** The highest inbox seq of {@code userId}, 0 for an empty inbox. Cheap; does not block on I/O. */
    long inboxHead(String userId);

    /** Up to {@code limit} messages of a conversation with a seq above {@code afterSeq}, in seq order. May block. */
    List<Message> readConversation(ConversationKey conversation, long afterSeq, int limit);

    /** The highest seq of a conversation, 0 when it has none. Cheap. */
    long conversationHead(ConversationKey conversation);

    /** Finds a committed message by its UID. May block. */
    Optional<Message> findByUid(String messageUid);

    /**
     * Drops inbox entries sent before {@code cutoffMillis} (the offline-cache window). Returns how many were
     * dropped. Called from a background sweeper; may block.
     */
    long expireInboxEntries(long cutoffMillis);
}
