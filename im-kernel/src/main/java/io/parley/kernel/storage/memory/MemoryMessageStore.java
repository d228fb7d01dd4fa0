package io.parley.kernel.storage.memory;

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
import io.parley.api.storage.StorageCapability;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Consumer;

/**
 * A {@link MessageStore} in memory: nothing survives the process. It holds at most about {@code maxBytes} of messages
 * (a rough count of their heap footprint); past it an append is refused with {@code SERVER_BUSY} until removals or
 * retention free room, so that a long-running server refuses instead of filling its heap. Appends and removals are done under one
 * lock (removals in batches of {@value #BATCH}, so a sweep never holds it long) and appends return an
 * already-completed stage, so they complete in sequencing order; reads take no lock (concurrent maps; an
 * entry is stored before the head that makes it visible moves). Thread-safe; nothing blocks on I/O.
 */
final class MemoryMessageStore implements MessageStore {
    private static final int BATCH = 1000;
    private static final int MAX_SCAN = 1000;

    private final Object sequencing = new Object();
    private final Set<StorageCapability> capabilities;
    private final Map<String, ConcurrentSkipListMap<Long, Message>> conversations = new ConcurrentHashMap<>();
    private final Map<String, ConcurrentSkipListMap<Long, Message>> inboxes = new ConcurrentHashMap<>();
    private final Map<String, Long> conversationHeads = new ConcurrentHashMap<>();
    private final Map<String, Long> inboxHeads = new ConcurrentHashMap<>();
    private final Map<String, AppendResult> byIdempotencyKey = new ConcurrentHashMap<>();
    private final Map<String, Stored> byUid = new ConcurrentHashMap<>();
    private final long maxBytes;
    /** What the stored messages take, roughly; written under {@code sequencing}. */
    private volatile long bytes;
    private volatile boolean closed;

    /** A stored message with what is needed to remove it again, and roughly what it takes in memory. */
    private record Stored(AppendResult result, String idempotencyKey, long bytes) {
    }

    MemoryMessageStore(Set<StorageCapability> capabilities, long maxBytes) {
        this.capabilities = Set.copyOf(capabilities);
        this.maxBytes = maxBytes;
    }

    /** Roughly what a message and its entries take on the heap: the strings twice over, and the map entries. */
    private static long footprint(AppendRequest request) {
        Message message = request.message();
        return 600 + 2L * (message.content().length() + message.pushContent().map(String::length).orElse(0)
                + message.pushData().map(String::length).orElse(0)) + 120L * request.inboxOwners().size();
    }

    /** Whether 80% or more of the budget is taken: appends are about to be refused. Any thread. */
    boolean nearlyFull() {
        return bytes >= maxBytes * 0.8;
    }

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
            long footprint = footprint(request);
            if (bytes + footprint > maxBytes) {
                return CompletableFuture.failedFuture(new ImException(StandardErrorCode.SERVER_BUSY,
                        "the memory store is full (" + bytes + " of " + maxBytes + " bytes); retry later"));
            }
            bytes += footprint;
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
            byUid.put(message.messageUid(), new Stored(result, request.idempotencyKey(), footprint));
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
        long scanTo = Math.min(head, afterSeq + Math.max(limit, MAX_SCAN));
        List<InboxEntry> entries = new ArrayList<>(Math.min(limit, 256));
        long cursor = scanTo;
        for (Map.Entry<Long, Message> entry : inbox.subMap(afterSeq, false, scanTo, true).entrySet()) {
            if (entries.size() >= limit) {
                cursor = entries.get(entries.size() - 1).inboxSeq();
                break;
            }
            if (entry.getValue().sentTime() >= notBeforeMillis) {
                entries.add(new InboxEntry(entry.getKey(), entry.getValue()));
            }
        }
        return new InboxPage(entries, cursor, cursor >= head);
    }

    @Override
    public long inboxHead(String userId) {
        return inboxHeads.getOrDefault(requireNonNull(userId, "userId is null"), 0L);
    }

    @Override
    public List<Message> readConversation(ConversationKey conversation, long afterSeq, int limit) {
        return range(conversation, limit, messages -> messages.tailMap(afterSeq, false).values());
    }

    @Override
    public List<Message> readConversationBefore(ConversationKey conversation, long beforeSeq, int limit) {
        return range(conversation, limit, messages -> (beforeSeq <= 0 ? messages : messages.headMap(beforeSeq, false))
                .descendingMap().values());
    }

    private List<Message> range(ConversationKey conversation, int limit,
            java.util.function.Function<ConcurrentSkipListMap<Long, Message>, Iterable<Message>> view) {
        requireNonNull(conversation, "conversation is null");
        checkReadable(limit);
        ConcurrentSkipListMap<Long, Message> messages = conversations.get(conversation.asString());
        long head = conversationHead(conversation);
        List<Message> result = new ArrayList<>(Math.min(limit, 256));
        if (messages != null) {
            for (Message message : view.apply(messages)) {
                if (result.size() >= limit) {
                    break;
                }
                if (message.seq() <= head) {
                    result.add(message);
                }
            }
        }
        return result;
    }

    @Override
    public long conversationHead(ConversationKey conversation) {
        return conversationHeads.getOrDefault(requireNonNull(conversation, "conversation is null").asString(), 0L);
    }

    @Override
    public long seqAtTime(ConversationKey conversation, long millis) {
        StorageCapability.HISTORY_BY_TIME.requireIn(capabilities);
        checkOpen();
        long head = conversationHead(conversation);
        ConcurrentSkipListMap<Long, Message> messages = conversations.get(conversation.asString());
        if (messages == null) {
            return head + 1;
        }
        long low = 1;
        long high = head + 1;
        while (low < high) {
            long mid = low + (high - low) / 2;
            Map.Entry<Long, Message> at = messages.ceilingEntry(mid);
            if (at == null || at.getKey() > head || at.getValue().sentTime() >= millis) {
                high = mid;
            } else {
                low = at.getKey() + 1;
            }
        }
        Long first = messages.ceilingKey(low);
        return first == null || first > head ? head + 1 : first;
    }

    @Override
    public Optional<Message> findByUid(String messageUid) {
        requireNonNull(messageUid, "messageUid is null");
        checkOpen();
        return Optional.ofNullable(byUid.get(messageUid)).map(stored -> stored.result().message());
    }

    @Override
    public boolean deleteMessage(String messageUid) {
        StorageCapability.DELETE_MESSAGE.requireIn(capabilities);
        checkOpen();
        synchronized (sequencing) {
            return remove(messageUid) >= 0;
        }
    }

    @Override
    public long cleanHistory(ConversationKey conversation, long upToMillis) {
        StorageCapability.CLEAN_HISTORY.requireIn(capabilities);
        checkOpen();
        ConcurrentSkipListMap<Long, Message> messages = conversations.get(conversation.asString());
        if (messages == null) {
            return 0;
        }
        long head = conversationHead(conversation);
        List<String> doomed = messages.headMap(head, true).values().stream()
                .filter(message -> message.sentTime() <= upToMillis).map(Message::messageUid).toList();
        return removeInBatches(doomed)[0];
    }

    @Override
    public ExpiryResult expire(RetentionCutoffs cutoffs) {
        StorageCapability.RETENTION.requireIn(capabilities);
        checkOpen();
        List<String> doomed = byUid.values().stream().map(stored -> stored.result().message())
                .filter(message -> cutoffs.messageCutoff(message.conversationType())
                        .map(cutoff -> message.sentTime() < cutoff).orElse(false))
                .map(Message::messageUid).toList();
        long[] removed = removeInBatches(doomed);
        long inboxEntries = removed[1];
        for (ConcurrentSkipListMap<Long, Message> inbox : inboxes.values()) {
            for (var it = inbox.values().iterator(); it.hasNext(); ) {
                Message message = it.next();
                if (cutoffs.inboxCutoff(message.conversationType()).map(c -> message.sentTime() < c).orElse(false)) {
                    it.remove();
                    inboxEntries++;
                }
            }
        }
        return new ExpiryResult(inboxEntries, removed[0], 0);
    }

    @Override
    public void scanByTime(long fromMillis, long toMillis, Consumer<Message> sink) {
        StorageCapability.SCAN_BY_TIME.requireIn(capabilities);
        checkOpen();
        byUid.values().stream().map(stored -> stored.result().message())
                .filter(message -> message.sentTime() >= fromMillis && message.sentTime() < toMillis)
                .sorted(Comparator.comparingLong(Message::sentTime)).forEach(sink);
    }

    /** Removes messages in batches under the lock; returns {messages removed, inbox entries removed}. */
    private long[] removeInBatches(List<String> uids) {
        long[] removed = new long[2];
        for (int from = 0; from < uids.size(); from += BATCH) {
            synchronized (sequencing) {
                for (String uid : uids.subList(from, Math.min(uids.size(), from + BATCH))) {
                    int inboxEntries = remove(uid);
                    if (inboxEntries >= 0) {
                        removed[0]++;
                        removed[1] += inboxEntries;
                    }
                }
            }
        }
        return removed;
    }

    /** Removes one message everywhere; returns how many inbox entries went with it, -1 if it was not stored. */
    private int remove(String messageUid) {
        Stored stored = byUid.remove(messageUid);
        if (stored == null) {
            return -1;
        }
        Message message = stored.result().message();
        ConcurrentSkipListMap<Long, Message> log = conversations.get(message.conversation().asString());
        if (log != null) {
            log.remove(message.seq());
        }
        int[] inboxEntries = new int[1];
        stored.result().inboxSeqs().forEach((owner, seq) -> {
            ConcurrentSkipListMap<Long, Message> inbox = inboxes.get(owner);
            if (inbox != null && inbox.remove(seq, message)) {
                inboxEntries[0]++;
            }
        });
        byIdempotencyKey.remove(stored.idempotencyKey());
        bytes -= stored.bytes();
        return inboxEntries[0];
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
