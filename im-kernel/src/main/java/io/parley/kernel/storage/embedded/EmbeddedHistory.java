package io.parley.kernel.storage.embedded;

import io.parley.api.model.Message;
import io.parley.api.storage.ExpiryResult;
import io.parley.api.storage.RetentionCutoffs;
import io.parley.api.storage.StorageCapability;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import io.parley.api.error.ImException;
import io.parley.api.error.StandardErrorCode;

/**
 * The embedded store's history operations: reads by time, deleting a message, cleaning a conversation,
 * retention (then {@link SegmentReclaimer}) and scans by time for exports. Each removal first writes its log
 * record through the committer (durable, so replay repeats it), then updates the index on the calling
 * thread, so the committer is never held up by a large removal. Thread-safe; blocks on I/O.
 */
final class EmbeddedHistory {
    private static final long SKEW_MILLIS = 60_000;

    private final Set<StorageCapability> capabilities;
    private final GroupCommitter committer;
    private final IndexStore index;
    private final MessageLog messageLog;
    private final IndexMaintenance maintenance;
    private final SegmentReclaimer reclaimer;
    private final Map<Long, Long> firstTimes = new ConcurrentHashMap<>();
    private volatile Optional<RetentionCutoffs> lastCutoffs;

    EmbeddedHistory(Set<StorageCapability> capabilities, GroupCommitter committer, IndexStore index,
            MessageLog messageLog, Optional<RetentionCutoffs> recoveredCutoffs) {
        this.capabilities = Set.copyOf(capabilities);
        this.committer = committer;
        this.index = index;
        this.messageLog = messageLog;
        this.maintenance = new IndexMaintenance(index, messageLog);
        this.lastCutoffs = recoveredCutoffs;
        this.reclaimer = new SegmentReclaimer(messageLog, index, committer, () -> lastCutoffs);
    }

    /** Binary search over seqs; relies on sent times rising with seq within a conversation. */
    long seqAtTime(String conversation, long head, long millis) {
        StorageCapability.HISTORY_BY_TIME.requireIn(capabilities);
        long low = 1;
        long high = head + 1;
        while (low < high) {
            long mid = low + (high - low) / 2;
            Map.Entry<Object[], long[]> at = index.conversationCeiling(conversation, mid);
            if (at == null || (Long) at.getKey()[1] > head || at.getValue()[1] >= millis) {
                high = mid;
            } else {
                low = (Long) at.getKey()[1] + 1;
            }
        }
        Map.Entry<Object[], long[]> first = index.conversationCeiling(conversation, low);
        return first == null || (Long) first.getKey()[1] > head ? head + 1 : (Long) first.getKey()[1];
    }

    boolean deleteMessage(String messageUid) {
        StorageCapability.DELETE_MESSAGE.requireIn(capabilities);
        if (index.offsetOfUid(messageUid) == null) {
            return false;
        }
        log(new LogRecord.MessageDeleted(messageUid));
        return maintenance.deleteMessage(messageUid);
    }

    long cleanHistory(String conversation, long upToMillis) {
        StorageCapability.CLEAN_HISTORY.requireIn(capabilities);
        long offset = log(new LogRecord.HistoryCleaned(conversation, upToMillis));
        return maintenance.cleanHistory(conversation, upToMillis, offset);
    }

    ExpiryResult expire(RetentionCutoffs cutoffs) {
        StorageCapability.RETENTION.requireIn(capabilities);
        log(new LogRecord.Expired(cutoffs));
        lastCutoffs = Optional.of(cutoffs);
        ExpiryResult removed = maintenance.expire(cutoffs);
        try {
            return new ExpiryResult(removed.inboxEntries(), removed.messages(), reclaimer.reclaim());
        } catch (IOException e) {
            throw new ImException(StandardErrorCode.STORAGE_UNAVAILABLE,
                    "deleting an expired log segment failed: " + e.getMessage(), e);
        }
    }

    /** Scans the segments that can hold messages of the range, skipping those wholly before or after it. */
    void scanByTime(long fromMillis, long toMillis, Consumer<Message> sink) {
        StorageCapability.SCAN_BY_TIME.requireIn(capabilities);
        List<LogSegment> segments = messageLog.segments();
        long[] first = new long[segments.size()];
        for (int i = 0; i < segments.size(); i++) {
            first[i] = firstMessageTime(segments.get(i));
        }
        long laterFirst = Long.MAX_VALUE;
        boolean[] skip = new boolean[segments.size()];
        for (int i = segments.size() - 1; i >= 0; i--) {
            skip[i] = laterFirst < fromMillis - SKEW_MILLIS;
            laterFirst = Math.min(laterFirst, first[i]);
        }
        for (int i = 0; i < segments.size(); i++) {
            if (first[i] != Long.MAX_VALUE && first[i] > toMillis + SKEW_MILLIS) {
                return;
            }
            if (!skip[i]) {
                scanSegment(segments.get(i), fromMillis, toMillis, sink);
            }
        }
    }

    private void scanSegment(LogSegment segment, long fromMillis, long toMillis, Consumer<Message> sink) {
        long base = segment.baseOffset();
        try {
            segment.scan(0, (position, payload) -> {
                if (LogRecordCodec.decode(payload) instanceof LogRecord.MessageCommitted m
                        && m.message().sentTime() >= fromMillis && m.message().sentTime() < toMillis) {
                    Long current = index.offsetOfUid(m.message().messageUid());
                    if (current != null && current == base + position) {
                        sink.accept(m.message());
                    }
                }
            });
        } catch (java.nio.channels.ClosedChannelException e) {
            // deleted by retention meanwhile: its messages had expired
        } catch (IOException e) {
            throw new ImException(StandardErrorCode.STORAGE_UNAVAILABLE, "cannot scan " + segment.path(), e);
        }
    }

    /** The sent time of a segment's first message (cached), or MAX_VALUE when it holds none. */
    private long firstMessageTime(LogSegment segment) {
        Long cached = firstTimes.get(segment.baseOffset());
        if (cached != null) {
            return cached;
        }
        long[] found = {Long.MAX_VALUE};
        try {
            segment.scan(0, (position, payload) -> {
                if (LogRecordCodec.decode(payload) instanceof LogRecord.MessageCommitted m) {
                    found[0] = m.message().sentTime();
                    throw new java.io.EOFException("found");
                }
            });
        } catch (java.io.EOFException e) {
            firstTimes.put(segment.baseOffset(), found[0]);
        } catch (IOException e) {
            return Long.MAX_VALUE;
        }
        return found[0];
    }

    private long log(LogRecord record) {
        CompletableFuture<Long> written = new CompletableFuture<>();
        committer.submit(new PendingWrite.Record(record, written));
        return EmbeddedMessageStore.await(written);
    }
}
