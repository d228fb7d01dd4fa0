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
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The embedded {@link MessageStore}: appends go to the {@link GroupCommitter} and complete, in order, on the
 * storage completion thread once durable; reads walk a stream's runs in the {@link StreamIndex}, bounded by the
 * heads (so they never see a hole), skip what the {@link Removals} say is gone, and read the message bodies from
 * the {@link MessageLog}; deletes, cleans, expiry and exports are {@link EmbeddedHistory}'s. Thread-safe.
 * {@code append}, {@code inboxHead} and {@code conversationHead} never block; the rest block on I/O.
 */
final class EmbeddedMessageStore implements MessageStore {
    private static final int MAX_SCAN = 1000;

    private final GroupCommitter committer;
    private final StreamIndex streams;
    private final KeyIndex keys;
    private final Removals removals;
    private final MessageLog messageLog;
    private final HeadCounters heads;
    private final EmbeddedHistory history;
    private final BooleanSupplier closed;

    EmbeddedMessageStore(GroupCommitter committer, StreamIndex streams, KeyIndex keys, Removals removals,
            MessageLog messageLog, HeadCounters heads, EmbeddedHistory history, BooleanSupplier closed) {
        this.committer = committer;
        this.streams = streams;
        this.keys = keys;
        this.removals = removals;
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
        long after = Math.max(afterSeq, 0);
        if (after >= head) {
            return new InboxPage(List.of(), afterSeq, true);
        }
        long scanTo = Math.min(head, after + Math.max(limit, MAX_SCAN));
        List<InboxEntry> entries = new ArrayList<>(Math.min(limit, 256));
        long cursor = scanTo;
        scan:
        for (StreamRun run : streams.inboxAfter(userId, after)) {
            for (int i = firstAbove(run, after); i < run.count(); i++) {
                long seq = run.firstSeq() + i;
                if (seq > scanTo) {
                    break scan;
                }
                if (entries.size() >= limit) {
                    cursor = entries.get(entries.size() - 1).inboxSeq();
                    break scan;
                }
                long sentTime = run.sentTime(i);
                if (run.present(i) && sentTime >= notBeforeMillis && !removals.inboxEntryGone(run.offset(i), run.typeCode(i), sentTime)) {
                    messageAt(run.offset(i)).ifPresent(message -> entries.add(new InboxEntry(seq, message)));
                }
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
        long head = heads.conversation(key);
        long after = Math.max(afterSeq, 0);
        List<Message> messages = new ArrayList<>(Math.min(limit, 256));
        if (after >= head) {
            return messages;
        }
        for (StreamRun run : streams.conversationAfter(key, after)) {
            for (int i = firstAbove(run, after); i < run.count() && messages.size() < limit; i++) {
                if (run.firstSeq() + i > head) {
                    return messages;
                }
                if (run.present(i) && !removals.messageGone(run.offset(i), run.typeCode(i), run.sentTime(i))) {
                    messageAt(run.offset(i)).ifPresent(messages::add);
                }
            }
            if (messages.size() >= limit) {
                break;
            }
        }
        return messages;
    }

    @Override
    public List<Message> readConversationBefore(ConversationKey conversation, long beforeSeq, int limit) {
        requireNonNull(conversation, "conversation is null");
        checkLimit(limit);
        checkOpen();
        String key = conversation.asString();
        long head = heads.conversation(key);
        long before = beforeSeq <= 0 ? head + 1 : Math.min(beforeSeq, head + 1);
        List<Message> messages = new ArrayList<>(Math.min(limit, 256));
        for (StreamRun run : streams.conversationBefore(key, before)) {
            int from = (int) Math.min(run.count() - 1, before - 1 - run.firstSeq());
            for (int i = from; i >= 0 && messages.size() < limit; i--) {
                if (run.present(i) && !removals.messageGone(run.offset(i), run.typeCode(i), run.sentTime(i))) {
                    messageAt(run.offset(i)).ifPresent(messages::add);
                }
            }
            if (messages.size() >= limit) {
                break;
            }
        }
        return messages;
    }

    /** The index of the run's first entry with a seq above {@code after}. */
    private static int firstAbove(StreamRun run, long after) {
        return (int) Math.max(0, Math.min(run.count(), after + 1 - run.firstSeq()));
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
        OptionalLong offset = keys.offsetOfUid(messageUid);
        if (offset.isEmpty() || removals.isDead(offset.getAsLong())) {
            return Optional.empty();
        }
        // a message written but not yet durable is not there yet: its seq is above the readable head
        return messageAt(offset.getAsLong()).filter(message ->
                message.seq() <= heads.conversation(message.conversation().asString())
                        && !removals.messageGone(offset.getAsLong(), message.conversationType().code(),
                                message.sentTime()));
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
