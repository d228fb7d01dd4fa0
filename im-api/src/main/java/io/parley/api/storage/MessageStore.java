package io.parley.api.storage;

import io.parley.api.model.ConversationKey;
import io.parley.api.model.Message;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * Conversation logs and inboxes. Thread-safe: called from many threads at once.
 *
 * <p>Ordering contract: appends submitted by one thread are given seqs in the order of submission, so a
 * caller that serialises one conversation's appends (the kernel does, per stripe) gets that order. The
 * kernel also assigns {@code sentTime} in that order, so within one conversation a higher seq never has an
 * earlier sent time; providers may rely on it for reads by time.
 *
 * <p>Deleted, cleaned and expired messages: they disappear from every read (conversation reads, inbox
 * reads, {@link #findByUid}), but seqs are never reused or renumbered. A reader sees the gap as a seq that
 * is skipped: an inbox page's {@code nextCursor} covers it, and a conversation read simply lacks it.
 *
 * <p>Operations marked with a {@link StorageCapability} throw {@code ImException} with
 * {@code CAPABILITY_NOT_SUPPORTED} when the provider does not declare that capability.
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
     * out those sent before {@code notBeforeMillis}. A page covers at most {@code max(limit, 1000)} seqs, so
     * a long run of skipped entries costs several short pages rather than one unbounded scan. May block on
     * I/O; never call it on an event loop.
     */
    InboxPage readInbox(String userId, long afterSeq, int limit, long notBeforeMillis);

    /** The highest inbox seq of {@code userId}, 0 for an empty inbox. Cheap; does not block on I/O. */
    long inboxHead(String userId);

    /** Up to {@code limit} messages of a conversation with a seq above {@code afterSeq}, in seq order. May block. */
    List<Message> readConversation(ConversationKey conversation, long afterSeq, int limit);

    /**
     * Up to {@code limit} messages of a conversation with a seq below {@code beforeSeq}, newest first: the
     * page a client shows when it scrolls back. {@code beforeSeq <= 0} means "from the newest". May block.
     */
    List<Message> readConversationBefore(ConversationKey conversation, long beforeSeq, int limit);

    /** The highest seq of a conversation, 0 when it has none. Cheap. */
    long conversationHead(ConversationKey conversation);

    /**
     * The lowest seq of a conversation whose message was sent at or after {@code millis}, or
     * {@code conversationHead + 1} when there is none: the seq range of a time range is
     * {@code [seqAtTime(from), seqAtTime(to))}. Requires {@link StorageCapability#HISTORY_BY_TIME}. May block.
     */
    long seqAtTime(ConversationKey conversation, long millis);

    /** Finds a committed message by its UID. May block. */
    Optional<Message> findByUid(String messageUid);

    /**
     * Removes one message from every read and its entries from every inbox; returns false when no such
     * message is stored. Durable when it returns. Requires {@link StorageCapability#DELETE_MESSAGE}. Blocks.
     */
    boolean deleteMessage(String messageUid);

    /**
     * Removes the messages of a conversation sent at or before {@code upToMillis} (and their inbox entries);
     * returns how many. {@code Long.MAX_VALUE} removes them all. Messages committed after the call began are
     * kept. Durable when it returns. Requires {@link StorageCapability#CLEAN_HISTORY}. Blocks.
     */
    long cleanHistory(ConversationKey conversation, long upToMillis);

    /**
     * Drops what is past its retention window, per conversation type, and gives the space back where the
     * provider has files. Called from a background sweeper; blocks, but must not stall appends for long:
     * providers work in bounded batches. Requires {@link StorageCapability#RETENTION}.
     */
    ExpiryResult expire(RetentionCutoffs cutoffs);

    /**
     * Hands every stored message sent in {@code [fromMillis, toMillis)} to {@code sink}, across all
     * conversations, roughly in sent-time order, on the calling thread (exports such as the hourly history
     * files). Requires {@link StorageCapability#SCAN_BY_TIME}. Blocks; may read a lot.
     */
    void scanByTime(long fromMillis, long toMillis, Consumer<Message> sink);
}
