package io.parley.kernel.storage.embedded;

import static java.util.Objects.requireNonNull;

import io.parley.api.error.ImException;
import io.parley.api.error.StandardErrorCode;
import io.parley.api.model.ConversationKey;
import io.parley.api.model.Message;
import io.parley.api.storage.AppendRequest;
import io.parley.api.storage.AppendResult;
import io.parley.api.storage.InboxEntry;
import io.parley.api.storage.InboxPage;
import io.parley.api.storage.MessageStore;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.BooleanSupplier;

/**
 * The embedded {@link MessageStore}: appends go to the {@link GroupCommitter} and complete, in order, on the
 * storage completion thread once durable; reads look offsets up in the {@link IndexStore} and read the
 * message bodies from the {@link MessageLog}. Thread-safe. {@code append}, {@code inboxHead} and
 * {@code conversationHead} never block; the other reads block on I/O.
 */
final class EmbeddedMessageStore implements MessageStore {
    private final GroupCommitter committer;
    private final IndexStore index;
    private final MessageLog messageLog;
    private final HeadCounters heads;
    private final BooleanSupplier closed;

    EmbeddedMessageStore(GroupCommitter committer, IndexStore index, MessageLog messageLog, HeadCounters heads,
            BooleanSupplier closed) {
        this.committer = committer;
        this.index = index;
        this.messageLog = messageLog;
        this.heads = heads;
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
        List<InboxEntry> entries = new ArrayList<>(Math.min(limit, 256));
        long cursor = afterSeq;
        boolean exhausted = true;
        Iterator<Map.Entry<Object[], long[]>> it = index.inboxEntries(userId, Math.max(afterSeq, 0), head);
        while (it.hasNext()) {
            if (entries.size() >= limit) {
                exhausted = false;
                break;
            }
            Map.Entry<Object[], long[]> entry = it.next();
            cursor = (Long) entry.getKey()[1];
            long[] location = entry.getValue();
            if (location[1] >= notBeforeMillis) {
                entries.add(new InboxEntry(cursor, messageAt(location[0])));
            }
        }
        long next = exhausted ? head : cursor;
        return new InboxPage(entries, next, next >= head);
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
        List<Message> messages = new ArrayList<>();
        for (long offset : index.conversationOffsets(key, Math.max(afterSeq, 0), heads.conversation(key), limit)) {
            messages.add(messageAt(offset));
        }
        return messages;
    }

    @Override
    public long conversationHead(ConversationKey conversation) {
        return heads.conversation(requireNonNull(conversation, "conversation is null").asString());
    }

    @Override
    public Optional<Message> findByUid(String messageUid) {
        requireNonNull(messageUid, "messageUid is null");
        checkOpen();
        Long offset = index.offsetOfUid(messageUid);
        return offset == null ? Optional.empty() : Optional.of(messageAt(offset));
    }

    @Override
    public long expireInboxEntries(long cutoffMillis) {
        checkOpen();
        CompletableFuture<Void> logged = new CompletableFuture<>();
        committer.submit(new PendingWrite.Record(new LogRecord.InboxExpired(cutoffMillis), logged));
        await(logged);
        return index.expireInboxEntries(cutoffMillis);
    }

    private Message messageAt(long offset) {
        return ((LogRecord.MessageCommitted) messageLog.read(offset)).message();
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

    /** Waits for a committed write, rethrowing its {@link ImException}. */
    static void await(CompletableFuture<Void> future) {
        try {
            future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof ImException imException) {
                throw imException;
            }
            throw new ImException(StandardErrorCode.STORAGE_UNAVAILABLE, "storage write failed: " + e.getCause(), e);
        }
    }
}
