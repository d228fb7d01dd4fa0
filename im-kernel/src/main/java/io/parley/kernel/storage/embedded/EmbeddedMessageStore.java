package io.parley.kernel.storage.embedded;

import static java.util.Objects.requireNonNull;

import io.parley.api.error.ImException;
import io.parley.api.error.StandardErrorCode;
import io.parley.api.model.ConversationKey;
import io.parley.api.model.Message;
import io.parley.api.storage.AppendRequest;
import io.parley.api.storage.AppendResult;
import io.parley.api.storage.ExpiryResult;
import io.parley.api.storage.InboxEntry;
import io.parley.api.storage.InboxPage;
import io.parley.api.storage.MessageStore;
import io.parley.api.storage.RetentionCutoffs;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The embedded {@link MessageStore}: appends go to the {@link GroupCommitter} and complete, in order, on the
 * storage completion thread once durable; reads look offsets up in the {@link IndexStore} and read the
 * message bodies from the {@link MessageLog}; deletes, cleans, expiry and exports are {@link EmbeddedHistory}'s.
 * Thread-safe. {@code append}, {@code inboxHead} and {@code conversationHead} never block; the rest block on I/O.
 */
final class EmbeddedMessageStore implements MessageStore {
    private static final int MAX_SCAN = 1000;

    private final GroupCommitter committer;
    private final IndexStore index;
    private final MessageLog messageLog;
    private final HeadCounters heads;
    private final EmbeddedHistory history;
    private final BooleanSupplier closed;

    EmbeddedMessageStore(GroupCommitter committer, IndexStore index, MessageLog messageLog, HeadCounters heads,
            EmbeddedHistory history, BooleanSupplier closed) {
        this.committer = committer;
        this.index = index;
        this.messageLog = messageLog;
        this.heads = heads;
        this.history = history;
        this.closed = closed;
    }

    @Override
    public CompletionStage<AppendResult> append(AppendRequest request) {
        requireNonNull(request, "request is null");
        CompletableFuture<AppendResult> future = new CompletableFuture<>();
        committer.submit(new PendingWrite.Append(request, future));
        return future;
    }

    @Override
    public InboxPage readInbox(String userId, long afterSeq, int limit, long notBeforeMillis) {
        requireNonNull(userId, "userId is null");
        checkLimit(limit);
        checkOpen();
        long head = heads.inbox(userId);
        if (afterSeq >= head) {
            return new InboxPage(List.of(), afterSeq, true);
        }
        long scanTo = Math.min(head, Math.max(afterSeq, 0) + Math.max(limit, MAX_SCAN));
        List<InboxEntry> entries = new ArrayList<>(Math.min(limit, 256));
        long cursor = scanTo;
        Iterator<Map.Entry<Object[], long[]>> it = index.inboxEntries(userId, Math.max(afterSeq, 0), scanTo);
        while (it.hasNext()) {
            Map.Entry<Object[], long[]> entry = it.next();
            if (entries.size() >= limit) {
                cursor = entries.get(entries.size() - 1).inboxSeq();
                break;
            }
            long[] location = entry.getValue();
            if (location[1] >= notBeforeMillis) {
                long seq = (Long) entry.getKey()[1];
                messageAt(location[0]).ifPresent(message -> entries.add(new InboxEntry(seq, message)));
            }
        }
        return new InboxPage(entries, cursor, cursor >= head);
    }

    @Override
    public long inboxHead(String userId) {
        return heads.inbox(requireNonNull(userId, "userId is null"));
    }

    @Override
    public List<Message> readConversation(ConversationKey conversation, long afterSeq, int limit) {
        requireNonNull(conversation, "conversation is null");
        checkLimit(limit);
        checkOpen();
        String key = conversation.asString();
        long before = heads.conversation(key) + 1;
        return messagesAt(IndexStore.offsets(index.conversationRange(key, Math.max(afterSeq, 0), before).values(),
                limit));
    }

    @Override
    public List<Message> readConversationBefore(ConversationKey conversation, long beforeSeq, int limit) {
        requireNonNull(conversation, "conversation is null");
        checkLimit(limit);
        checkOpen();
        String key = conversation.asString();
        long head = heads.conversation(key);
        long before = beforeSeq <= 0 ? head + 1 : Math.min(beforeSeq, head + 1);
        return messagesAt(IndexStore.offsets(index.conversationRange(key, 0, before).descendingMap().values(),
                limit));
    }

    @Override
    public long conversationHead(ConversationKey conversation) {
        return heads.conversation(requireNonNull(conversation, "conversation is null").asString());
    }

    @Override
    public long seqAtTime(ConversationKey conversation, long millis) {
        checkOpen();
        return history.seqAtTime(conversation.asString(), heads.conversation(conversation.asString()), millis);
    }

    @Override
    public Optional<Message> findByUid(String messageUid) {
        requireNonNull(messageUid, "messageUid is null");
        checkOpen();
        Long offset = index.offsetOfUid(messageUid);
        return offset == null ? Optional.empty() : messageAt(offset);
    }

    @Override
    public boolean deleteMessage(String messageUid) {
        requireNonNull(messageUid, "messageUid is null");
        checkOpen();
        return history.deleteMessage(messageUid);
    }

    @Override
    public long cleanHistory(ConversationKey conversation, long upToMillis) {
        requireNonNull(conversation, "conversation is null");
        checkOpen();
        return history.cleanHistory(conversation.asString(), upToMillis);
    }

    @Override
    public ExpiryResult expire(RetentionCutoffs cutoffs) {
        requireNonNull(cutoffs, "cutoffs is null");
        checkOpen();
        return history.expire(cutoffs);
    }

    @Override
    public void scanByTime(long fromMillis, long toMillis, Consumer<Message> sink) {
        checkOpen();
        history.scanByTime(fromMillis, toMillis, sink);
    }

    private List<Message> messagesAt(List<Long> offsets) {
        List<Message> messages = new ArrayList<>(offsets.size());
        for (long offset : offsets) {
            messageAt(offset).ifPresent(messages::add);
        }
        return messages;
    }

    /** The message at {@code offset}; empty if retention deleted its segment while we were reading. */
    private Optional<Message> messageAt(long offset) {
        return messageLog.readIfPresent(offset).map(record -> ((LogRecord.MessageCommitted) record).message());
    }

    private void checkOpen() {
        if (closed.getAsBoolean()) {
            throw new ImException(StandardErrorCode.STORAGE_UNAVAILABLE, "storage is closed");
        }
    }

    private static void checkLimit(int limit) {
        if (limit < 1) {
            throw ImException.invalidParameter("limit must be positive, was " + limit);
        }
    }

    /** Waits for a committed write, rethrowing its {@link ImException}; returns the future's value. */
    static <T> T await(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof ImException imException) {
                throw imException;
            }
            throw new ImException(StandardErrorCode.STORAGE_UNAVAILABLE, "storage write failed: " + e.getCause(), e);
        }
    }
}
