package io.parley.kernel.storage.memory;

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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * A {@link MessageStore} in memory: nothing survives the process. Appends are sequenced under one lock and
 * return an already-completed stage, so they complete in sequencing order; reads take no lock (concurrent
 * maps; an entry is stored before the head that makes it visible moves). Thread-safe; nothing blocks on I/O.
 */
final class MemoryMessageStore implements MessageStore {
    private final Object sequencing = new Object();
    private final Map<String, ConcurrentSkipListMap<Long, Message>> conversations = new ConcurrentHashMap<>();
    private final Map<String, ConcurrentSkipListMap<Long, Message>> inboxes = new ConcurrentHashMap<>();
    private final Map<String, Long> conversationHeads = new ConcurrentHashMap<>();
    private final Map<String, Long> inboxHeads = new ConcurrentHashMap<>();
    private final Map<String, AppendResult> byIdempotencyKey = new ConcurrentHashMap<>();
    private final Map<String, Message> byUid = new ConcurrentHashMap<>();
    private volatile boolean closed;

    void close() {
        synchronized (sequencing) {
            closed = true;
        }
    }

    @Override
    public CompletionStage<AppendResult> append(AppendRequest request) {
        requireNonNull(request, "request is null");
        synchronized (sequencing) {
            if (closed) {
                return CompletableFuture.failedFuture(
                        new ImException(StandardErrorCode.STORAGE_UNAVAILABLE, "storage is closed"));
            }
            AppendResult prior = byIdempotencyKey.get(request.idempotencyKey());
            if (prior != null) {
                return CompletableFuture.completedFuture(new AppendResult(prior.message(), prior.inboxSeqs(), true));
            }
            String conversation = request.message().conversation().asString();
            long seq = conversationHeads.getOrDefault(conversation, 0L) + 1;
            Message message = request.message().withSeq(seq);
            conversations.computeIfAbsent(conversation, key -> new ConcurrentSkipListMap<>()).put(seq, message);
            Map<String, Long> inboxSeqs = new LinkedHashMap<>();
            for (String owner : request.inboxOwners()) {
                if (!inboxSeqs.containsKey(owner)) {
                    long inboxSeq = inboxHeads.getOrDefault(owner, 0L) + 1;
                    inboxes.computeIfAbsent(owner, key -> new ConcurrentSkipListMap<>()).put(inboxSeq, message);
                    inboxHeads.put(owner, inboxSeq);
                    inboxSeqs.put(owner, inboxSeq);
                }
            }
            conversationHeads.put(conversation, seq);
            AppendResult result = new AppendResult(message, inboxSeqs, false);
            byIdempotencyKey.put(request.idempotencyKey(), result);
            byUid.put(message.messageUid(), message);
            return CompletableFuture.completedFuture(result);
        }
    }

    @Override
    public InboxPage readInbox(String userId, long afterSeq, int limit, long notBeforeMillis) {
        requireNonNull(userId, "userId is null");
        checkReadable(limit);
        long head = inboxHead(userId);
        ConcurrentSkipListMap<Long, Message> inbox = inboxes.get(userId);
        if (afterSeq >= head || inbox == null) {
            return new InboxPage(List.of(), Math.max(afterSeq, head), true);
        }
        List<InboxEntry> entries = new ArrayList<>(Math.min(limit, 256));
        long cursor = afterSeq;
        boolean exhausted = true;
        Iterator<Map.Entry<Long, Message>> it = inbox.subMap(afterSeq, false, head, true).entrySet().iterator();
        while (it.hasNext()) {
            if (entries.size() >= limit) {
                exhausted = false;
                break;
            }
            Map.Entry<Long, Message> entry = it.next();
            cursor = entry.getKey();
            if (entry.getValue().sentTime() >= notBeforeMillis) {
                entries.add(new InboxEntry(cursor, entry.getValue()));
            }
        }
        long next = exhausted ? head : cursor;
        return new InboxPage(entries, next, next >= head);
    }

    @Override
    public long inboxHead(String userId) {
        return inboxHeads.getOrDefault(requireNonNull(userId, "userId is null"), 0L);
    }

    @Override
    public List<Message> readConversation(ConversationKey conversation, long afterSeq, int limit) {
        requireNonNull(conversation, "conversation is null");
        checkReadable(limit);
        String key = conversation.asString();
        ConcurrentSkipListMap<Long, Message> messages = conversations.get(key);
        long head = conversationHead(conversation);
        if (messages == null || afterSeq >= head) {
            return List.of();
        }
        ConcurrentNavigableMap<Long, Message> range = messages.subMap(afterSeq, false, head, true);
        List<Message> result = new ArrayList<>(Math.min(limit, 256));
        for (Iterator<Message> it = range.values().iterator(); it.hasNext() && result.size() < limit; ) {
            result.add(it.next());
        }
        return result;
    }

    @Override
    public long conversationHead(ConversationKey conversation) {
        return conversationHeads.getOrDefault(requireNonNull(conversation, "conversation is null").asString(), 0L);
    }

    @Override
    public Optional<Message> findByUid(String messageUid) {
        requireNonNull(messageUid, "messageUid is null");
        checkOpen();
        return Optional.ofNullable(byUid.get(messageUid));
    }

    @Override
    public long expireInboxEntries(long cutoffMillis) {
        checkOpen();
        long removed = 0;
        for (ConcurrentSkipListMap<Long, Message> inbox : inboxes.values()) {
            for (Iterator<Message> it = inbox.values().iterator(); it.hasNext(); ) {
                if (it.next().sentTime() < cutoffMillis) {
                    it.remove();
                    removed++;
                }
            }
        }
        return removed;
    }

    private void checkReadable(int limit) {
        if (limit < 1) {
            throw ImException.invalidParameter("limit must be positive, was " + limit);
        }
        checkOpen();
    }

    private void checkOpen() {
        if (closed) {
            throw new ImException(StandardErrorCode.STORAGE_UNAVAILABLE, "storage is closed");
        }
    }
}
